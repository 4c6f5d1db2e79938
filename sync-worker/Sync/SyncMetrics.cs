using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OutlookCrm.SyncWorker.Sync;

// The worker's metrics per mailbox and loop (OpenTelemetry reads them from this Meter): Graph requests, throttled
// answers, items written and set aside, cycle duration, and the time of the last success and failure, from which
// the lag of a mailbox is read (now − last success).
public sealed class SyncMetrics : IDisposable
{
    public const string MeterName = "OutlookCrm.SyncWorker";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requests, _throttled, _written, _failures;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<(string Upn, string Loop), (long Quarantined, DateTimeOffset? Success, DateTimeOffset? Failure)> _last = new();

    public SyncMetrics()
    {
        _requests = _meter.CreateCounter<long>("outlookcrm.sync.graph.requests", "{request}", "Graph requests, each batch step counted");
        _throttled = _meter.CreateCounter<long>("outlookcrm.sync.graph.throttled", "{response}", "429/503/504 answers waited out");
        _written = _meter.CreateCounter<long>("outlookcrm.sync.items.written", "{item}", "Outlook items created, updated or deleted");
        _failures = _meter.CreateCounter<long>("outlookcrm.sync.cycle.failures", "{cycle}", "failed cycles");
        _duration = _meter.CreateHistogram<double>("outlookcrm.sync.cycle.duration", "s", "duration of one cycle of one mailbox and loop");
        _meter.CreateObservableGauge("outlookcrm.sync.items.quarantined", () => _last.Select(l => new Measurement<long>(l.Value.Quarantined, Tags(l.Key))),
            "{item}", "items set aside (refused), per mailbox and loop");
        _meter.CreateObservableGauge("outlookcrm.sync.last_success", () => _last.Where(l => l.Value.Success is not null)
            .Select(l => new Measurement<double>(l.Value.Success!.Value.ToUnixTimeSeconds(), Tags(l.Key))), "s", "Unix time of the last successful cycle");
        _meter.CreateObservableGauge("outlookcrm.sync.lag", () => _last.Where(l => l.Value.Success is not null)
            .Select(l => new Measurement<double>((DateTimeOffset.UtcNow - l.Value.Success!.Value).TotalSeconds, Tags(l.Key))), "s", "time since the last successful cycle");
        _meter.CreateObservableGauge("outlookcrm.sync.last_failure", () => _last.Where(l => l.Value.Failure is not null)
            .Select(l => new Measurement<double>(l.Value.Failure!.Value.ToUnixTimeSeconds(), Tags(l.Key))), "s", "Unix time of the last failed cycle");
    }

    public void Success(string upn, string loop, CycleReport r)
    {
        var tags = Tags((upn, loop));
        _requests.Add(r.Requests, tags);
        _throttled.Add(r.Throttled, tags);
        _written.Add(r.Created + r.Updated + r.Deleted, tags);
        _duration.Record(r.Duration.TotalSeconds, tags);
        _last.AddOrUpdate((upn, loop), _ => (r.Quarantined.Count, DateTimeOffset.UtcNow, null), (_, v) => (r.Quarantined.Count, DateTimeOffset.UtcNow, v.Failure));
    }

    public void Failure(string upn, string loop, int requests, int throttled)
    {
        var tags = Tags((upn, loop));
        _requests.Add(requests, tags);
        _throttled.Add(throttled, tags);
        _failures.Add(1, tags);
        _last.AddOrUpdate((upn, loop), _ => (0, null, DateTimeOffset.UtcNow), (_, v) => (v.Quarantined, v.Success, DateTimeOffset.UtcNow));
    }

    // Mailboxes handed to another instance are dropped here, so their lag is not reported by two instances.
    public void KeepOnly(IReadOnlySet<string> upns)
    {
        foreach (var key in _last.Keys.Where(k => !upns.Contains(k.Upn))) _last.TryRemove(key, out _);
    }

    private static KeyValuePair<string, object?>[] Tags((string Upn, string Loop) k) => [new("mailbox", k.Upn), new("loop", k.Loop)];

    public void Dispose() => _meter.Dispose();
}

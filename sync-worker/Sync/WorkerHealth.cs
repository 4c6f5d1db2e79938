using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// Live: the poll loop still turns (a restart would help otherwise). Ready: this instance reached the CRM and renewed
// its leases within one lease duration, so it is syncing its share of the mailboxes.
public sealed class WorkerHealth(IOptions<SyncOptions> options)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _leasesAt, _cycleAt;

    public void LeasesRenewed() => Volatile.Write(ref _leasesAt, Stopwatch.GetTimestamp());
    public void CycleDone() => Volatile.Write(ref _cycleAt, Stopwatch.GetTimestamp());

    // A cycle may legitimately take long (a first sync of a large mailbox, Retry-After waits): 15 minutes of grace.
    public HealthCheckResult Live()
    {
        var limit = options.Value.PollInterval * 2 + TimeSpan.FromMinutes(15);
        var last = Volatile.Read(ref _cycleAt);
        var since = Stopwatch.GetElapsedTime(last == 0 ? _started : last);
        return since <= limit ? HealthCheckResult.Healthy($"last cycle {since.TotalSeconds:0} s ago")
            : HealthCheckResult.Unhealthy($"no cycle finished for {since.TotalSeconds:0} s (limit {limit.TotalSeconds:0} s)");
    }

    public HealthCheckResult Ready()
    {
        var last = Volatile.Read(ref _leasesAt);
        if (last == 0) return HealthCheckResult.Unhealthy("leases not obtained yet (CRM API unreachable?)");
        var since = Stopwatch.GetElapsedTime(last);
        return since <= options.Value.LeaseDuration ? HealthCheckResult.Healthy($"leases renewed {since.TotalSeconds:0} s ago")
            : HealthCheckResult.Unhealthy($"leases not renewed for {since.TotalSeconds:0} s: this instance no longer writes");
    }
}

public sealed class LiveCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) => Task.FromResult(health.Live());
}

public sealed class ReadyCheck(WorkerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) => Task.FromResult(health.Ready());
}

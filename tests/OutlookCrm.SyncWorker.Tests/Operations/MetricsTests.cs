using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Operations;

// Issue 11 point 9: per mailbox, the meter OpenTelemetry exports says how many requests, how many throttled, what
// was set aside and when the last success and failure were.
[TestClass]
public sealed class MetricsTests
{
    [TestMethod]
    public async Task EachMailboxReportsRequestsThrottlingQuarantineAndLastSuccessAndFailure()
    {
        await using var rig = await SyncRig.StartAsync();
        // A mailbox name of its own: other test classes running in parallel publish the same meter.
        var rep = rig.Crm.WithDb(db =>
        {
            var u = new User { DisplayName = "metered", Upn = $"metered-{Guid.NewGuid():N}@test.example", Role = UserRole.Rep, TerritoryId = rig.Crm.North.Id };
            db.Users.Add(u);
            db.SaveChanges();
            return u;
        });
        rig.Crm.AddCompany("Metered Co", rep, contacts: 2);
        var seen = new List<(string Name, double Value, string? Mailbox, string? Loop)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == SyncMetrics.MeterName) l.EnableMeasurementEvents(i); };
        void Record(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? mailbox = null, loop = null;
            foreach (var t in tags)
            {
                if (t.Key == "mailbox") mailbox = t.Value as string;
                if (t.Key == "loop") loop = t.Value as string;
            }
            lock (seen) seen.Add((i.Name, v, mailbox, loop));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        rig.Graph.ThrottleNextRequests = 1;

        // One worker process for both cycles: its gauges are read before it stops.
        await using var worker = rig.Worker(settings: new() { ["Sync:SyncCalendar"] = "false", ["Sync:MaxRetries"] = "1" });
        async Task Cycle() { using var scope = worker.CreateScope(); await scope.ServiceProvider.GetRequiredService<MailboxCycle>().RunAsync(SyncRig.Mailbox(rep), default); }
        await Cycle();
        var afterSuccess = seen.Count;
        rig.Graph.FaultRate = 1;
        await Assert.ThrowsAsync<Exception>(Cycle);
        listener.RecordObservableInstruments();

        double Sum(string name) => seen.Take(afterSuccess).Where(s => s.Name == name && s.Mailbox == rep.Upn && s.Loop == "contacts").Sum(s => s.Value);
        Assert.IsTrue(Sum("outlookcrm.sync.graph.requests") >= 3, string.Join("\n", seen));
        Assert.AreEqual(1, Sum("outlookcrm.sync.graph.throttled"));
        Assert.AreEqual(2, Sum("outlookcrm.sync.items.written"), "the 2 contacts, once");
        Assert.AreEqual(1, seen.Count(s => s.Name == "outlookcrm.sync.cycle.failures" && s.Mailbox == rep.Upn));
        Assert.IsTrue(seen.Any(s => s.Name == "outlookcrm.sync.last_success" && s.Mailbox == rep.Upn));
        Assert.IsTrue(seen.Any(s => s.Name == "outlookcrm.sync.last_failure" && s.Mailbox == rep.Upn));
        Assert.IsTrue(seen.Any(s => s.Name == "outlookcrm.sync.items.quarantined" && s.Mailbox == rep.Upn && s.Value == 0));
    }
}

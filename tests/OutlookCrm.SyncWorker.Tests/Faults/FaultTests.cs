using OutlookCrm.Api.Data;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Faults;

// The worker dies or Graph misbehaves: afterwards every mailbox must equal what an undisturbed worker
// produces from scratch — no duplicate, nothing missing, nothing stale.
[TestClass]
public sealed class FaultTests
{
    [TestMethod]
    public async Task KillingTheWorkerAtRandomPoints50TimesOverAChangingCrmLeavesExactlyTheExpectedMailboxes()
    {
        await using var rig = await SyncRig.StartAsync(seed: 7);
        var churn = new CrmChurn(rig.Crm, seed: 7);
        for (var i = 0; i < 6; i++) churn.Step();
        var random = new Random(7);
        var kills = 0;
        for (var i = 0; i < 50; i++)
        {
            churn.Step();
            var rep = random.Next(2) == 0 ? rig.Crm.RepA : rig.Crm.RepB;
            var killAt = 1 + random.Next(7);
            var calls = 0;
            using var process = new CancellationTokenSource();
            rig.Graph.KillSwitch = () =>
            {
                if (Interlocked.Increment(ref calls) != killAt) return false;
                process.Cancel();
                return true;
            };
            try { await rig.CycleAsync(rep, ct: process.Token); }
            catch (Exception) when (process.IsCancellationRequested) { kills++; }
            rig.Graph.KillSwitch = null;
        }
        Assert.IsTrue(kills >= 30, $"the worker was really killed mid-cycle ({kills} of 50)");

        await AssertSameAsAFreshSync(rig, rig.Crm.RepA, rig.Crm.RepB);
    }

    [TestMethod]
    public async Task TwentyPercentThrottlingOutagesAndDroppedConnectionsConverge()
    {
        await using var rig = await SyncRig.StartAsync(seed: 11);
        var churn = new CrmChurn(rig.Crm, seed: 11);
        for (var i = 0; i < 12; i++) churn.Step();
        rig.Graph.FaultRate = 0.2;
        var failures = 0;
        foreach (var round in Enumerable.Range(0, 12))
        {
            var ok = true;
            foreach (var rep in new[] { rig.Crm.RepA, rig.Crm.RepB })
            {
                try { await rig.CycleAsync(rep); }
                catch (Exception) { ok = false; failures++; }
            }
            if (ok && round >= 5) break;
            churn.Step();
        }
        Assert.IsTrue(rig.Graph.InjectedFaults > 5, $"faults were injected ({rig.Graph.InjectedFaults})");
        rig.Graph.FaultRate = 0;
        var writes = rig.Graph.TotalWrites;
        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepB);
        Assert.AreEqual(writes, rig.Graph.TotalWrites, $"converged under faults ({failures} cycles failed and resumed): a calm cycle has nothing left to write");
        await AssertSameAsAFreshSync(rig, rig.Crm.RepA, rig.Crm.RepB);
    }

    // Runs one clean cycle, then compares each mailbox with an undisturbed sync into an empty Graph.
    private static async Task AssertSameAsAFreshSync(SyncRig rig, params User[] reps)
    {
        foreach (var rep in reps) await rig.CycleAsync(rep);
        await Converged.AssertSameAsAFreshSyncAsync(rig, reps);
    }
}

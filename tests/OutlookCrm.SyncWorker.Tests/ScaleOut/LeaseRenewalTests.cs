using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SqliteWriteGate = OutlookCrm.Api.Sync.SqliteWriteGate;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.ScaleOut;

// Issue 11 §8/§10: under a first sync of hundreds of mailboxes, renewals came late and instances lost leases mid-cycle.
// A renewal must neither wait behind the state writes queued for SQLite's one writer nor behind the rebalancing.
[TestClass]
public sealed class LeaseRenewalTests
{
    [TestMethod]
    public async Task ALeaseRenewalIsWrittenBeforeTheStateWritesWaitingForTheDatabase()
    {
        await using var rig = await SyncRig.StartAsync();
        await using var worker = rig.Worker();
        var crm = worker.GetRequiredService<CrmClient>();
        var grant = await crm.LeasesAsync(new LeaseRequest("default", "h1", 60, 3, null, [rig.Crm.RepA.Id]), CancellationToken.None);
        var epoch = grant.Held.Single().Epoch;
        // The database's one writer is busy (this test holds its turn) while state writes and then a renewal arrive.
        var gate = rig.Crm.WithDb(SqliteWriteGate.For) ?? throw new AssertInconclusiveException("the CRM database is not SQLite");
        var done = new ConcurrentQueue<string>();
        var writes = new List<Task>();
        Task renewal;
        Task<IDisposable> probeTurn;
        using (await gate.EnterAsync(urgent: false, CancellationToken.None))
        {
            var state = new string('x', 200_000);
            for (var i = 0; i < 10; i++)
            {
                var n = i;
                writes.Add(Task.Run(async () =>
                {
                    await crm.PutStateAsync(rig.Crm.RepA.Id, "contacts", new StateWrite("default", "h1", epoch, state), CancellationToken.None);
                    done.Enqueue($"state {n}");
                }));
            }
            await WaitUntil(() => gate.Waiting == 10, "the state writes never queued for the database's writer");
            renewal = Task.Run(async () =>
            {
                await crm.LeasesAsync(new LeaseRequest("default", "h1", 60, 3, null, null), CancellationToken.None);
                done.Enqueue("renewal");
            });
            await WaitUntil(() => gate.Waiting == 11, "the renewal never queued for the database's writer");
            // The test queues one more lease-ranked turn behind the renewal. Completion order over HTTP says nothing
            // (a response can overtake another), but the gate's order does: when this probe gets its turn, the
            // renewal has been written and every state write must still be waiting.
            probeTurn = gate.EnterAsync(urgent: true, CancellationToken.None).AsTask();
            await WaitUntil(() => gate.Waiting == 12, "the probe never queued");
            Assert.IsTrue(done.IsEmpty, "a write went through while the database's writer was busy");
        }
        using (await probeTurn.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.AreEqual(10, gate.Waiting, "state writes went to the database before the renewal");
            await renewal.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.AreEqual("renewal", string.Join(", ", done), "only the renewal is through while the state writes wait");
        }
        await Task.WhenAll(writes);
        Assert.AreEqual(11, done.Count);
    }

    [TestMethod]
    public async Task LeasesAreRenewedWhileTheRebalancingIsStuck()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Acme", rig.Crm.RepA, contacts: 2);
        // Leases of 6 s: held mailboxes stop writing 4.5 s after the last renewal was sent. The rebalancing's list of
        // mailboxes then takes 10 s to come back, as a loaded API might: renewals must not wait for it.
        var slow = false;
        var instance = new WorkerInstance(rig, "renewer", new() { ["Sync:PollInterval"] = "00:00:01", ["Sync:LeaseDuration"] = "00:00:06" },
            beforeCrm: async request =>
            {
                if (Volatile.Read(ref slow) && request.RequestUri!.AbsolutePath.EndsWith("/api/sync/mailboxes", StringComparison.Ordinal))
                    await Task.Delay(TimeSpan.FromSeconds(10));
            });
        try
        {
            await WaitUntil(() => HeldBy("renewer", rig) == 3, "the instance never took the 3 mailboxes", TimeSpan.FromSeconds(60));
            Volatile.Write(ref slow, true);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(14))
            {
                Assert.AreEqual(3, HeldBy("renewer", rig), $"a lease ran out {clock.Elapsed.TotalSeconds:0.0} s into the stuck rebalancing");
                await Task.Delay(250);
            }
            lock (rig.Warnings) Assert.IsFalse(rig.Warnings.Any(w => w.Contains("lease lost", StringComparison.Ordinal)), string.Join("\n", rig.Warnings));
        }
        finally
        {
            Volatile.Write(ref slow, false);
            await instance.StopAsync();
        }
    }

    private static int HeldBy(string holder, SyncRig rig)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return rig.Crm.WithDb(db => db.SyncMailboxes.AsNoTracking().Count(m => m.Pool == "default" && m.Holder == holder && m.LeaseUntil > now));
    }

    private static async Task WaitUntil(Func<bool> condition, string failure, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (limit ?? TimeSpan.FromSeconds(30))) Assert.Fail(failure);
            await Task.Delay(20);
        }
    }
}

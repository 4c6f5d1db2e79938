using System.Diagnostics;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.ScaleOut;

// Issue 11 §10 (steady-state delay): each mailbox is synced on its own clock. A mailbox busy with a long first sync
// must not hold back a CRM change in another mailbox of the same instance, as a poll round waiting for its slowest
// mailbox did.
[TestClass]
public sealed class SchedulingTests
{
    [TestMethod]
    public async Task AChangeInOneMailboxReachesOutlookWhileAnotherMailboxIsStillInItsFirstSync()
    {
        await using var rig = await SyncRig.StartAsync(seed: 7);
        // 2,000 contacts through 4 slots at 20 ms per request: the big mailboxes need at least 10 s (rep A's, and the
        // manager's, who sees the whole territory).
        rig.Graph.Latency = TimeSpan.FromMilliseconds(20);
        rig.Crm.AddCompany("Big Co", rig.Crm.RepA, contacts: 2000);
        var small = rig.Crm.AddCompany("Small Co", rig.Crm.RepB, contacts: 3);
        var (big, mine) = (rig.MailboxOf(rig.Crm.RepA), rig.MailboxOf(rig.Crm.RepB));
        var instance = new WorkerInstance(rig, "solo", new() { ["Sync:PollInterval"] = "00:00:01", ["Sync:LeaseDuration"] = "00:00:06" });
        try
        {
            var clock = Stopwatch.StartNew();
            while (mine.CountContactsIn("CRM") < 3)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(2)) Assert.Fail("the small mailbox was never synced:\n" + string.Join("\n", rig.Log.TakeLast(30)));
                await Task.Delay(50);
            }
            var contactId = small.Contacts.First().Id;
            rig.Crm.Change(db => db.Contacts.Single(c => c.Id == contactId).JobTitle = "Head of purchasing");
            var changed = Stopwatch.StartNew();
            while (!mine.AnyContactIn("CRM", c => (string?)c["jobTitle"] == "Head of purchasing"))
            {
                if (changed.Elapsed > TimeSpan.FromMinutes(2)) Assert.Fail("the change never reached Outlook:\n" + string.Join("\n", rig.Log.TakeLast(30)));
                await Task.Delay(50);
            }
            var bigSoFar = big.CountContactsIn("CRM");
            Assert.IsTrue(bigSoFar < 2000, $"the change arrived after {changed.Elapsed.TotalSeconds:0.0} s, while the big mailbox " +
                $"had {bigSoFar} of its 2,000 contacts: it did not wait for the big mailbox's first sync");
            Console.WriteLine($"change delivered in {changed.Elapsed.TotalSeconds:0.0} s while the big mailbox had {bigSoFar} of 2,000 contacts");
        }
        finally { await instance.StopAsync(); }
    }
}

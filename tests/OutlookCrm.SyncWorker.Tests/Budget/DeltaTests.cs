using System.Text.Json.Nodes;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Budget;

// Issue 11 point 6: delta pages are capped (odata.maxpagesize), a repeated item is one item, a token that expires on
// its own or any 4xx on a link leads to a full reconcile by CRM key (never stuck, never duplicated), and each mailbox
// moves its calendar window (a full reconcile) at its own time of day.
[TestClass]
public sealed class DeltaTests
{
    [TestMethod]
    public async Task AnyClientErrorOnADeltaLinkFallsBackToAFullReconcileWithoutDuplicates()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Bad Link Co", rig.Crm.RepA, contacts: 3);
        await rig.CycleAsync(rig.Crm.RepA);
        var m = rig.MailboxOf(rig.Crm.RepA);

        foreach (var status in new[] { 400, 404, 422 })
        {
            rig.Graph.DeltaLinkStatus = status;
            rig.Crm.Change(db => db.Contacts.Find(company.Contacts[0].Id)!.JobTitle = $"Buyer {status}");
            var (contacts, _) = await rig.CycleAsync(rig.Crm.RepA, settings: new() { ["Sync:SyncCalendar"] = "false" });
            Assert.AreEqual(1, contacts.Updated, $"{status}: only the changed contact is written");
            Assert.AreEqual(0, contacts.Created);
            Assert.IsTrue(rig.Log.Any(l => l.Contains($"delta state lost ({status}")), string.Join("\n", rig.Log));
        }
        var keys = MailboxView.Keys(MailboxView.CrmContacts(m));
        Assert.AreEqual(3, keys.Distinct().Count());
        Assert.AreEqual(3, keys.Count);
        Assert.AreEqual("Buyer 422", (string?)m.ContactsIn("CRM").Single(c => MailboxView.Key(c) == $"contact:{company.Contacts[0].Id}")["jobTitle"]);
    }

    [TestMethod]
    public async Task SmallDeltaPagesWithRepeatedItemsAndATokenThatExpiresOnItsOwnConverge()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Paged Co", rig.Crm.RepA, contacts: 25);
        var settings = new Dictionary<string, string?> { ["Sync:DeltaPageSize"] = "10", ["Sync:SyncCalendar"] = "false" };
        await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        var m = rig.MailboxOf(rig.Crm.RepA);
        foreach (var c in m.ContactsIn("CRM"))
            rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"contacts/{c["id"]}", new JsonObject { ["jobTitle"] = "Edited" });
        var calls = m.HttpCalls;

        var (report, _) = await rig.CycleAsync(rig.Crm.RepA, settings: settings);

        Assert.AreEqual(25, report.Updated, "each edited contact restored once, repeated items included");
        Assert.IsTrue(m.HttpCalls - calls >= 3, "the delta came in pages of at most 10");
        Assert.IsTrue(m.ContactsIn("CRM").All(c => (string?)c["jobTitle"] == "Buyer"));

        rig.Graph.DeltaTokenLifetime = TimeSpan.FromMilliseconds(1);
        await Task.Delay(50);
        var writes = m.Writes;
        await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        Assert.AreEqual(writes, m.Writes, "an expired token: a full reconcile that finds nothing to write");
        Assert.IsTrue(rig.Log.Any(l => l.Contains("syncStateNotFound")));
        Assert.AreEqual(25, MailboxView.Keys(MailboxView.CrmContacts(m)).Distinct().Count());
    }

    [TestMethod]
    public void EachMailboxMovesItsCalendarWindowAtItsOwnTimeOfDay()
    {
        var now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
        var shifts = Enumerable.Range(0, 300).Select(i => CalendarSync.WindowDay($"rep{i}@contoso.example", now).TimeOfDay).ToList();
        var perHour = shifts.GroupBy(s => s.Hours).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(24, perHour.Count, "every hour of the day has some");
        Assert.IsTrue(perHour.Values.Max() <= 30, $"no hour has more than 10% of 300 mailboxes ({perHour.Values.Max()})");
        // One move a day per mailbox: the window day is stable within a day and moves on 24 h later.
        const string upn = "rep7@contoso.example";
        var day = CalendarSync.WindowDay(upn, now);
        Assert.AreEqual(1, Enumerable.Range(0, 24 * 4).Select(q => CalendarSync.WindowDay(upn, now.AddMinutes(15 * q))).Distinct().Count(d => d != day));
        Assert.AreEqual(day.AddDays(1), CalendarSync.WindowDay(upn, day.AddDays(1)));
    }
}

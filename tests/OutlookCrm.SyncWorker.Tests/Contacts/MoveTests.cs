using System.Text.Json.Nodes;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Contacts;

// Issue 11 point 4: ids are immutable (Prefer: IdType="ImmutableId" on every request), so a contact the rep drags
// out of the CRM folder is followed where it went: never recreated, never left stale, never duplicated when moved back.
[TestClass]
public sealed class MoveTests
{
    [TestMethod]
    public async Task AContactDraggedOutOfTheCrmFolderIsFollowedKeptUpToDateAndNeverDuplicated()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Moved Co", rig.Crm.RepA, 2);
        await rig.CycleAsync(rig.Crm.RepA);
        var m = rig.MailboxOf(rig.Crm.RepA);
        var key = $"contact:{company.Contacts[0].Id}";
        var id = (string)m.ContactsIn("CRM").Single(c => MailboxView.Key(c) == key)["id"]!;

        m.MoveContact(id, "Contacts");
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(1, m.ContactsIn("CRM").Count, "not recreated in the CRM folder");
        Assert.AreEqual(key, MailboxView.Key(m.ContactsOutside("CRM").Single()));

        rig.Crm.Change(db => db.Contacts.Find(company.Contacts[0].Id)!.JobTitle = "Moved buyer");
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual("Moved buyer", (string?)m.ContactsOutside("CRM").Single()["jobTitle"], "the moved copy is kept up to date");

        // A lost state and a lost delta token: the moved contact is found by its CRM key, not duplicated.
        rig.LoseState();
        rig.Graph.ExpireDeltaTokens();
        rig.Crm.Change(db => db.Contacts.Find(company.Contacts[0].Id)!.JobTitle = "Moved buyer 2");
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(1, m.ContactsIn("CRM").Count);
        Assert.AreEqual("Moved buyer 2", (string?)m.ContactsOutside("CRM").Single()["jobTitle"]);

        // Dragged back: one contact, same id, in the folder.
        m.MoveContact(id, "CRM");
        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepA);
        var keys = MailboxView.Keys(MailboxView.CrmContacts(m));
        CollectionAssert.AreEquivalent(new[] { key, $"contact:{company.Contacts[1].Id}" }, keys);
        Assert.AreEqual(0, m.ContactsOutside("CRM").Count);
        Assert.AreEqual(id, (string?)m.ContactsIn("CRM").Single(c => MailboxView.Key(c) == key)["id"]);
    }

    [TestMethod]
    public async Task ADeletedCrmContactComesBackAndEveryWorkerRequestAsksForImmutableIds()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Deleted Co", rig.Crm.RepA, 1);
        rig.Crm.AddActivity(rig.Crm.RepA, company.Id, DateTime.UtcNow.Date.AddDays(1).AddHours(9));
        await rig.CycleAsync(rig.Crm.RepA);
        var m = rig.MailboxOf(rig.Crm.RepA);
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "DELETE", $"contacts/{m.ContactsIn("CRM").Single()["id"]}");

        await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual($"contact:{company.Contacts[0].Id}", MailboxView.Key(m.ContactsIn("CRM").Single()), "the CRM is the source of truth: it is back");
        Assert.AreEqual(0, m.RequestsWithoutImmutableId, "every request and batch step carried Prefer: IdType=\"ImmutableId\"");
    }
}

using System.Text.Json.Nodes;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Contacts;

[TestClass]
public sealed class ContactSyncTests
{
    [TestMethod]
    public async Task ACompanyWithNContactsBecomesNOutlookContactsEachCarryingTheCompany()
    {
        await using var rig = await SyncRig.StartAsync();
        var three = rig.Crm.AddCompany("Menuiserie Dubois", rig.Crm.RepA, contacts: 3);
        var none = rig.Crm.AddCompany("Boulangerie Sans Contact", rig.Crm.RepA, contacts: 0, category: CustomerCategory.B);
        rig.Crm.Change(db =>
        {
            for (var i = 1; i <= 4; i++)
                db.Notes.Add(new Note { CompanyId = three.Id, AuthorId = rig.Crm.RepA.Id, CreatedAt = new DateTime(2026, 11, i, 9, 0, 0, DateTimeKind.Utc), Text = $"Visit {i}: " + new string('x', 400) });
        });

        await rig.CycleAsync(rig.Crm.RepA);

        var folder = rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM");
        Assert.AreEqual(4, folder.Count, "3 contacts + 1 company-only contact");
        var ofThree = folder.Where(c => (string?)c["companyName"] == "Menuiserie Dubois").ToList();
        Assert.AreEqual(3, ofThree.Count);
        CollectionAssert.AreEquivalent(three.Contacts.Select(k => $"contact:{k.Id}").ToList(), ofThree.Select(c => MailboxView.Key(c)).ToList());
        var first = ofThree.Single(c => MailboxView.Key(c) == $"contact:{three.Contacts[0].Id}");
        Assert.AreEqual("c1@menuiseriedubois.example", (string?)first["emailAddresses"]![0]!["address"]);
        Assert.AreEqual("Paris", (string?)first["businessAddress"]!["city"]);
        CollectionAssert.AreEqual(new[] { "CRM Client", "CRM category A" }, first["categories"]!.AsArray().Select(c => (string?)c).ToArray());
        var notes = (string)first["personalNotes"]!;
        StringAssert.Contains(notes, "Account manager: rep-a");
        StringAssert.Contains(notes, "Sales this year: 12,500.5 (last year: 9,800)");
        StringAssert.Contains(notes, "Outstanding: 420");
        StringAssert.Contains(notes, "2026-11-04 rep-a: Visit 4");
        Assert.IsFalse(notes.Contains("Visit 1"), "only the last three notes");
        Assert.IsTrue(notes.Split('\n').All(l => l.Length < 320), "long notes are cut");

        var companyOnly = folder.Single(c => (string?)c["companyName"] == "Boulangerie Sans Contact");
        Assert.AreEqual($"company:{none.Id}", MailboxView.Key(companyOnly));
        Assert.AreEqual("Boulangerie Sans Contact", (string?)companyOnly["displayName"]);
    }

    [TestMethod]
    public async Task AnUnchangedCycleMakesNoGraphWrite()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Quiet One", rig.Crm.RepA, contacts: 2);
        rig.Crm.AddActivity(rig.Crm.RepA, rig.Crm.AddCompany("Quiet Two", rig.Crm.RepA, 1).Id, DateTime.UtcNow.Date.AddDays(3).AddHours(8));
        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepA); // reads back its own writes through delta: still nothing to write
        var mailbox = rig.MailboxOf(rig.Crm.RepA);
        var writes = mailbox.Writes;

        var (contacts, calendar) = await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(writes, mailbox.Writes, string.Join("\n", mailbox.WriteLog.Skip(writes)));
        Assert.AreEqual(0, contacts.Created + contacts.Updated + contacts.Deleted);
        Assert.AreEqual(0, calendar!.Created + calendar.Updated + calendar.Deleted);
        Assert.AreEqual(3, contacts.Unchanged);
        Assert.AreEqual(1, calendar.Unchanged);

        // A new day opens a new calendar window (a full reconcile of the calendar): still nothing to write.
        var state = rig.State(rig.Crm.RepA, "calendar")!;
        state["windowStart"] = DateTime.UtcNow.Date.AddDays(-20).ToString("o");
        rig.SetState(rig.Crm.RepA, "calendar", state);
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(writes, mailbox.Writes, string.Join("\n", mailbox.WriteLog.Skip(writes)));
    }

    [TestMethod]
    public async Task ChangingTheAccountManagerMovesTheContactsToTheOtherRepsFolder()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Moving Ltd", rig.Crm.RepA, contacts: 2);
        rig.Crm.AddCompany("Staying Ltd", rig.Crm.RepA, contacts: 1);
        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepB);
        Assert.AreEqual(3, rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM").Count);
        Assert.AreEqual(0, rig.MailboxOf(rig.Crm.RepB).ContactsIn("CRM").Count);

        rig.Crm.Change(db => db.Companies.Find(company.Id)!.AccountManagerId = rig.Crm.RepB.Id);
        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepB);

        CollectionAssert.AreEquivalent(new[] { "Staying Ltd" }, rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM").Select(c => (string?)c["companyName"]).ToArray());
        CollectionAssert.AreEquivalent(new[] { "Moving Ltd", "Moving Ltd" }, rig.MailboxOf(rig.Crm.RepB).ContactsIn("CRM").Select(c => (string?)c["companyName"]).ToArray());
        StringAssert.Contains((string)rig.MailboxOf(rig.Crm.RepB).ContactsIn("CRM")[0]["personalNotes"]!, "Account manager: rep-b");

        // A status visible to all brings it back to rep A as well.
        rig.Crm.Change(db => db.Companies.Find(company.Id)!.Status = CompanyStatus.Suspect);
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(3, rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM").Count);
    }

    [TestMethod]
    public async Task OutlookEditsOfSyncedContactsAreUndoneAndPersonalContactsAreNeverTouched()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Source Of Truth", rig.Crm.RepA, contacts: 2);
        var upn = rig.Crm.RepA.Upn;
        var personal = rig.Graph.AsOutlook(upn, "POST", "contacts", new JsonObject { ["displayName"] = "Mum", ["givenName"] = "Mum", ["companyName"] = "Source Of Truth" })!;
        await rig.CycleAsync(rig.Crm.RepA);
        var synced = rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM");
        var before = MailboxView.CrmContacts(rig.MailboxOf(rig.Crm.RepA));

        rig.Graph.AsOutlook(upn, "PATCH", $"contacts/{synced[0]["id"]}", new JsonObject { ["jobTitle"] = "Edited on the phone", ["mobilePhone"] = "000" });
        rig.Graph.AsOutlook(upn, "DELETE", $"contacts/{synced[1]["id"]}");
        rig.Graph.AsOutlook(upn, "PATCH", $"contacts/{personal["id"]}", new JsonObject { ["jobTitle"] = "Mother" });
        await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(string.Join("\n", before.Select(l => l.Split('|')[0])), string.Join("\n", MailboxView.CrmContacts(rig.MailboxOf(rig.Crm.RepA)).Select(l => l.Split('|')[0])));
        var restored = rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM").Single(c => (string?)c["id"] == (string?)synced[0]["id"]);
        Assert.AreEqual("Buyer", (string?)restored["jobTitle"], "the CRM is the source of truth for synced fields");
        Assert.AreEqual(before.Select(l => l[(l.IndexOf('|') + 1)..]).Order().First(), MailboxView.CrmContacts(rig.MailboxOf(rig.Crm.RepA)).Select(l => l[(l.IndexOf('|') + 1)..]).Order().First());
        var mum = rig.MailboxOf(rig.Crm.RepA).ContactsOutside("CRM").Single();
        Assert.AreEqual("Mother", (string?)mum["jobTitle"], "a personal contact keeps the rep's edit");
        Assert.IsNull(MailboxView.Key(mum));
    }

    [TestMethod]
    public async Task ALostDeltaTokenOrALostStateResyncsWithoutDuplicatesOrRewrites()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Resync Co", rig.Crm.RepA, contacts: 3);
        await rig.CycleAsync(rig.Crm.RepA);
        var mailbox = rig.MailboxOf(rig.Crm.RepA);

        rig.Graph.ExpireDeltaTokens();
        rig.Crm.Change(db => db.Contacts.Find(company.Contacts[0].Id)!.JobTitle = "Head buyer");
        var (afterExpiry, _) = await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(1, afterExpiry.Updated, "410 syncStateNotFound: full resync, only the changed contact is written");
        Assert.AreEqual(0, afterExpiry.Created);

        rig.LoseState();
        var writes = mailbox.Writes;
        await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(writes, mailbox.Writes, "a reinstall finds every item by its CRM id and rewrites none");
        var keys = MailboxView.Keys(MailboxView.CrmContacts(mailbox));
        Assert.AreEqual(3, keys.Count);
        Assert.AreEqual(3, keys.Distinct().Count());
        Assert.IsTrue(mailbox.ContactsIn("CRM").Any(c => (string?)c["jobTitle"] == "Head buyer"));
    }

    [TestMethod]
    public async Task TheDryRunListsExactlyWhatTheRealRunThenWrites()
    {
        await using var rig = await SyncRig.StartAsync();
        var kept = rig.Crm.AddCompany("Dry Kept", rig.Crm.RepA, contacts: 2);
        var renamed = rig.Crm.AddCompany("Dry Renamed", rig.Crm.RepA, contacts: 1);
        var gone = rig.Crm.AddCompany("Dry Gone", rig.Crm.RepA, contacts: 1);
        var visit = rig.Crm.AddActivity(rig.Crm.RepA, kept.Id, DateTime.UtcNow.Date.AddDays(1).AddHours(9));
        await rig.CycleAsync(rig.Crm.RepA);
        rig.Crm.AddCompany("Dry New", rig.Crm.RepA, contacts: 2);
        rig.Crm.AddActivity(rig.Crm.RepA, kept.Id, DateTime.UtcNow.Date.AddDays(3).AddHours(9));
        rig.Crm.Change(db =>
        {
            db.Companies.Find(renamed.Id)!.Name = "Dry Renamed Twice";
            db.Companies.Find(gone.Id)!.AccountManagerId = rig.Crm.RepB.Id;
            db.Activities.Find(visit.Id)!.Status = ActivityStatus.Cancelled;
        });
        var mailbox = rig.MailboxOf(rig.Crm.RepA);
        var writes = mailbox.Writes;

        var (dryContacts, dryCalendar) = await rig.CycleAsync(rig.Crm.RepA, dryRun: true);
        Assert.AreEqual(writes, mailbox.Writes, "a dry run writes nothing");
        var (contacts, calendar) = await rig.CycleAsync(rig.Crm.RepA);

        var planned = dryContacts.Plan.Concat(dryCalendar!.Plan).Select(w => w.ToString()).ToList();
        var done = contacts.Plan.Concat(calendar!.Plan).Select(w => w.ToString()).ToList();
        CollectionAssert.AreEqual(planned, done);
        // Contacts: 2 created (new company), 1 updated (renamed company), 1 deleted (company handed to rep B);
        // events: 1 created (new visit), 1 deleted (cancelled visit).
        Assert.AreEqual(6, planned.Count, string.Join("\n", planned));
        var log = mailbox.WriteLog.Skip(writes).Select(l => l.Replace("POST", "create").Replace("PATCH", "update").Replace("DELETE", "delete")).Order().ToList();
        CollectionAssert.AreEqual(planned.Select(p => string.Join(' ', p.Split(' ').Take(3))).Order().ToList(), log);
    }

    [TestMethod]
    public async Task ARepWhoDeletesTheCrmFolderGetsItBackFullAtTheNextCycle()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Folder Co", rig.Crm.RepA, contacts: 3);
        await rig.CycleAsync(rig.Crm.RepA);
        var mailbox = rig.MailboxOf(rig.Crm.RepA);
        var before = MailboxView.CrmContacts(mailbox);
        var folderId = (string)mailbox.Folders.Values.Single()["id"]!;

        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "DELETE", $"contactFolders/{folderId}");
        await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(1, mailbox.Folders.Count);
        CollectionAssert.AreEqual(before, MailboxView.CrmContacts(mailbox));
    }
}

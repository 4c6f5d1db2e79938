using System.Text.Json.Nodes;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.DataSafety;

// Issue 11 point 1: an update carries only the CRM-owned properties that changed; the rep's text, attendees,
// online meeting, own categories and fields the CRM does not sync survive every CRM change and every reconcile.
[TestClass]
public sealed class WriteOnlyWhatChangedTests
{
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0";

    [TestMethod]
    public async Task TheRepsNoteAttendeesTeamsBlockAndCategoriesSurviveCrmChangesAndAFullReconcile()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Safe Body Co", rig.Crm.RepA, 1);
        var visit = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, DateTime.UtcNow.Date.AddDays(2).AddHours(8), subject: "Visit");
        await rig.CycleAsync(rig.Crm.RepA);
        var m = rig.MailboxOf(rig.Crm.RepA);
        var id = (string)m.AllEvents().Single().Body["id"]!;
        var body = $"<html><body><div>Bring the new catalogue</div><div>{EventFields.NoteMarker}</div><div>Buyer prefers mornings.</div>"
            + $"<div>________________</div><div>Microsoft Teams meeting <a href=\"{JoinUrl}\">Join the meeting now</a></div></body></html>";
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"events/{id}", new JsonObject
        {
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = body },
            ["attendees"] = new JsonArray(new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = company.Contacts[0].Email } }),
            ["isOnlineMeeting"] = true,
            ["onlineMeeting"] = new JsonObject { ["joinUrl"] = JoinUrl },
            ["categories"] = new JsonArray("CRM", "Important"),
        });

        rig.Crm.Change(db => { var a = db.Activities.Find(visit.Id)!; a.Subject = "Visit, moved"; a.StartUtc = a.StartUtc.AddHours(1); a.EndUtc = a.EndUtc!.Value.AddHours(1); });
        await rig.CycleAsync(rig.Crm.RepA);
        var patch = m.Patches.Last().Body;
        CollectionAssert.AreEquivalent(new[] { "subject", "start", "end" }, patch.Select(p => p.Key).Where(Sent).ToArray(), patch.ToJsonString());
        AssertRepDataKept(m, id, body, "Important");
        Assert.AreEqual("Visit, moved", (string?)Event(m, id)["subject"]);

        // Closed in the CRM: the done category joins the rep's own; nothing else is sent.
        rig.Crm.Change(db => { var a = db.Activities.Find(visit.Id)!; a.Status = ActivityStatus.Done; a.ClosedAt = DateTime.UtcNow; });
        await rig.CycleAsync(rig.Crm.RepA);
        patch = m.Patches.Last().Body;
        CollectionAssert.AreEquivalent(new[] { "categories" }, patch.Select(p => p.Key).Where(Sent).ToArray(), patch.ToJsonString());
        CollectionAssert.AreEquivalent(new[] { "Important", "CRM", "CRM: done" }, Categories(m, id));
        AssertRepDataKept(m, id, body, "Important");

        // A full reconcile (lost delta token and lost state) finds nothing to write.
        rig.Graph.ExpireDeltaTokens();
        rig.LoseState();
        var writes = m.Writes;
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(writes, m.Writes, string.Join("\n", m.WriteLog.Skip(writes)));
        AssertRepDataKept(m, id, body, "Important");
    }

    [TestMethod]
    public async Task ClosingFromOutlookKeepsTheBodyAndNoUpdateEverSendsANull()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Close Keeps Co", rig.Crm.RepA, 1);
        var visit = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, DateTime.UtcNow.Date.AddHours(7));
        await rig.CycleAsync(rig.Crm.RepA);
        var m = rig.MailboxOf(rig.Crm.RepA);
        var id = (string)m.AllEvents().Single().Body["id"]!;
        var body = $"<html><body><p>Bring the new catalogue</p><p>{EventFields.NoteMarker}</p><p>Trial order agreed.</p><p><a href=\"{JoinUrl}\">Join</a></p></body></html>";
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"events/{id}", new JsonObject
        {
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = body },
            ["attendees"] = new JsonArray(new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = company.Contacts[0].Email } }),
            ["isOnlineMeeting"] = true,
            ["onlineMeeting"] = new JsonObject { ["joinUrl"] = JoinUrl },
            ["categories"] = new JsonArray("Important", "CRM", "CRM: done"),
        });

        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(ActivityStatus.Done, rig.Crm.WithDb(db => db.Activities.Find(visit.Id)!.Status));
        AssertRepDataKept(m, id, body, "Important");
        foreach (var (_, _, sent) in m.Patches)
            Assert.IsFalse(sent.Any(p => p.Value is null), $"a PATCH carried a null: {sent.ToJsonString()}");
    }

    [TestMethod]
    public async Task AContactUpdateCarriesOnlyTheChangedFieldAndKeepsTheRepsCategoriesAndFields()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Safe Contact Co", rig.Crm.RepA, 1);
        await rig.CycleAsync(rig.Crm.RepA);
        var m = rig.MailboxOf(rig.Crm.RepA);
        var id = (string)m.ContactsIn("CRM").Single()["id"]!;
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"contacts/{id}", new JsonObject
        {
            ["categories"] = new JsonArray("CRM Client", "CRM category A", "Golf"),
            ["nickName"] = "Jo",
            ["birthday"] = "1980-05-01T00:00:00Z",
        });
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(0, m.Patches.Count, "the rep's own category and fields are not a difference to undo");

        rig.Crm.Change(db => db.Contacts.Find(company.Contacts[0].Id)!.JobTitle = "Head buyer");
        await rig.CycleAsync(rig.Crm.RepA);
        CollectionAssert.AreEquivalent(new[] { "jobTitle" }, m.Patches.Last().Body.Select(p => p.Key).Where(Sent).ToArray(), m.Patches.Last().Body.ToJsonString());

        rig.Crm.Change(db => db.Companies.Find(company.Id)!.Category = CustomerCategory.B);
        await rig.CycleAsync(rig.Crm.RepA);
        var sent = m.Patches.Last().Body;
        CollectionAssert.AreEquivalent(new[] { "categories", "personalNotes" }, sent.Select(p => p.Key).Where(Sent).ToArray(), sent.ToJsonString());

        // An Outlook edit of a synced field is undone, and only that field is written back.
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"contacts/{id}", new JsonObject { ["jobTitle"] = "Edited on the phone" });
        await rig.CycleAsync(rig.Crm.RepA);
        CollectionAssert.AreEquivalent(new[] { "jobTitle" }, m.Patches.Last().Body.Select(p => p.Key).Where(Sent).ToArray());

        var contact = m.ContactsIn("CRM").Single();
        Assert.AreEqual("Head buyer", (string?)contact["jobTitle"]);
        CollectionAssert.AreEquivalent(new[] { "Golf", "CRM Client", "CRM category B" }, contact["categories"]!.AsArray().Select(c => (string?)c).ToArray());
        Assert.AreEqual("Jo", (string?)contact["nickName"]);
        Assert.AreEqual("1980-05-01T00:00:00Z", (string?)contact["birthday"]);
    }

    private static void AssertRepDataKept(GraphDouble.GraphMailbox m, string id, string body, string repCategory)
    {
        var e = Event(m, id);
        Assert.AreEqual(body, (string?)e["body"]?["content"], "the body is the rep's, untouched");
        Assert.AreEqual(1, e["attendees"]?.AsArray().Count, "attendees kept");
        Assert.AreEqual(JoinUrl, (string?)e["onlineMeeting"]?["joinUrl"], "online meeting kept");
        Assert.AreEqual(true, (bool?)e["isOnlineMeeting"]);
        CollectionAssert.Contains(Categories(m, id), repCategory);
    }

    // The SDK names the type of every body it sends; Graph reads it as an annotation, not a property.
    private static bool Sent(string property) => !property.StartsWith("@odata.", StringComparison.Ordinal);

    private static JsonObject Event(GraphDouble.GraphMailbox m, string id) => m.AllEvents().Single(e => (string?)e.Body["id"] == id).Body;

    private static List<string?> Categories(GraphDouble.GraphMailbox m, string id) => Event(m, id)["categories"]!.AsArray().Select(c => (string?)c).ToList();
}

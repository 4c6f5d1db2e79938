using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Tests.Calendar;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.DataSafety;

// Issue 11 point 3: a refused item is set aside with its reason (status, logs), retried only once it changes,
// and never stops the rest of the mailbox. Outlook's zones and long subjects are mapped, not refused.
[TestClass]
public sealed class QuarantineTests
{
    [TestMethod]
    public async Task AnAppointmentTheCrmRefusesIsSetAsideAndEveryOtherChangeStillFlows()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Quarantine Co", rig.Crm.RepA, 1);
        var email = company.Contacts[0].Email!;
        var day = DateTime.UtcNow.Date.AddDays(3);
        var upn = rig.Crm.RepA.Upn;
        // The API keeps 200 characters of a location: this one is refused (400), whatever the worker retries.
        var refused = rig.Graph.AsOutlook(upn, "POST", "events", With(CalendarSyncTests.Appointment("Site tour", day.AddHours(9), "UTC", email, "CRM"),
            "location", new JsonObject { ["displayName"] = "Microsoft Teams Meeting; " + string.Join("; ", Enumerable.Range(1, 30).Select(i => $"Room {i}")) }))!;
        var longSubject = new string('S', 230);
        var cut = rig.Graph.AsOutlook(upn, "POST", "events", CalendarSyncTests.Appointment(longSubject, day.AddHours(11), "UTC", email, "CRM"))!;
        var windows = rig.Graph.AsOutlook(upn, "POST", "events", CalendarSyncTests.Appointment("Paris lunch", day.AddHours(12), "Romance Standard Time", email, "CRM"))!;
        var custom = rig.Graph.AsOutlook(upn, "POST", "events", CalendarSyncTests.Appointment("Custom zone call", day.AddHours(15), "UTC", email, "CRM"))!;
        rig.MailboxOf(rig.Crm.RepA).EditAsDesktopOutlook((string)custom["id"]!, b => { b["originalStartTimeZone"] = OutlookTimeZones.Custom; b["originalEndTimeZone"] = OutlookTimeZones.Custom; });
        var planned = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, day.AddHours(16), subject: "Planned in the CRM");

        var (_, calendar) = await rig.CycleAsync(rig.Crm.RepA);

        var activities = rig.Crm.WithDb(db => db.Activities.AsNoTracking().ToList());
        var longOne = activities.Single(a => a.OutlookICalUId == (string?)cut["iCalUId"]);
        Assert.AreEqual(200, longOne.Subject.Length, "an over-long subject is shortened, not refused");
        Assert.IsTrue(longOne.Subject.EndsWith('…'), "and the cut shows");
        Assert.AreEqual("Europe/Paris", activities.Single(a => a.OutlookICalUId == (string?)windows["iCalUId"]).TimeZone, "a Windows zone becomes its IANA id");
        var customOne = activities.Single(a => a.OutlookICalUId == (string?)custom["iCalUId"]);
        Assert.AreEqual("UTC", customOne.TimeZone, "a custom zone is logged in UTC");
        Assert.AreEqual(day.AddHours(15), customOne.StartUtc, "at the right instant");
        Assert.IsFalse(activities.Any(a => a.OutlookICalUId == (string?)refused["iCalUId"]));
        Assert.IsTrue(rig.MailboxOf(rig.Crm.RepA).AllEvents().Any(e => MailboxView.Key(e.Body) == $"activity:{planned.Id}"), "the CRM's visit still reached Outlook");

        var entry = calendar!.Quarantined[$"outlook:{refused["id"]}"];
        StringAssert.Contains(entry.Reason, "Site tour");
        StringAssert.Contains(entry.Reason, "400");
        Assert.IsTrue(rig.Log.Any(l => l.Contains("\"Site tour\" set aside")), string.Join("\n", rig.Log));
        var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(rig.StateDirectory, "status.json"))).RootElement;
        StringAssert.Contains(status.GetProperty($"calendar:{rig.Crm.RepA.Id}").GetProperty("lastReport").GetProperty("quarantined").GetRawText(), "Site tour");

        // Unchanged, it is not retried (a full reconcile included); changed by the rep, it goes through.
        var logged = rig.Log.Count(l => l.Contains("\"Site tour\" set aside"));
        rig.Graph.ExpireDeltaTokens();
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(logged, rig.Log.Count(l => l.Contains("\"Site tour\" set aside")), "not retried while unchanged");
        rig.Graph.AsOutlook(upn, "PATCH", $"events/{refused["id"]}", new JsonObject { ["location"] = new JsonObject { ["displayName"] = "Room 1" } });
        (_, calendar) = await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(0, calendar!.Quarantined.Count);
        Assert.AreEqual("Room 1", rig.Crm.WithDb(db => db.Activities.AsNoTracking().Single(a => a.OutlookICalUId == (string?)refused["iCalUId"]).Location));
    }

    [TestMethod]
    public async Task AWriteGraphRefusesIsSetAsideUntilTheCrmChangesItAndTheOthersAreWritten()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Refused Write Co", rig.Crm.RepA, 2);
        var day = DateTime.UtcNow.Date.AddDays(2);
        var bad = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, day.AddHours(8), subject: "Refused visit");
        var good = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, day.AddHours(10), subject: "Good visit");
        rig.Graph.RefuseWrite = body => ((string?)body["subject"])?.StartsWith("Refused") == true ? "The request is invalid." : null;
        var m = rig.MailboxOf(rig.Crm.RepA);

        var (contacts, calendar) = await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(2, m.ContactsIn("CRM").Count, "contacts written");
        CollectionAssert.AreEqual(new[] { $"activity:{good.Id}" }, m.AllEvents().Select(e => MailboxView.Key(e.Body)).ToArray());
        StringAssert.Contains(calendar!.Quarantined[$"activity:{bad.Id}"].Reason, "ErrorInvalidRequest");
        Assert.AreEqual(1, calendar.Refused);

        var requests = m.Requests;
        await rig.CycleAsync(rig.Crm.RepA);
        rig.Graph.ExpireDeltaTokens();
        (_, calendar) = await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(0, calendar!.Refused, "an unchanged refused item is not sent again, even on a full reconcile");
        Assert.AreEqual(1, calendar.Quarantined.Count);

        rig.Crm.Change(db => db.Activities.Find(bad.Id)!.Subject = "Fixed visit");
        (_, calendar) = await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(0, calendar!.Quarantined.Count);
        Assert.AreEqual(2, m.AllEvents().Count);
        Assert.IsTrue(m.Requests > requests);
    }

    private static JsonObject With(JsonObject o, string key, JsonNode value) { o[key] = value; return o; }
}

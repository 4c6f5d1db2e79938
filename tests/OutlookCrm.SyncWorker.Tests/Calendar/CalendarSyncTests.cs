using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Calendar;

[TestClass]
public sealed class CalendarSyncTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [TestMethod]
    public async Task PlannedActivitiesAppearInTheCalendarAndACancellationRemovesTheEvent()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Calendar Co", rig.Crm.RepA, 1);
        var visit = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, DateTime.UtcNow.Date.AddDays(2).AddHours(8), subject: "Visit Calendar Co");
        var later = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, DateTime.UtcNow.Date.AddDays(5).AddHours(13), subject: "Follow-up");

        await rig.CycleAsync(rig.Crm.RepA);
        var events = rig.MailboxOf(rig.Crm.RepA).AllEvents();
        CollectionAssert.AreEquivalent(new[] { $"activity:{visit.Id}", $"activity:{later.Id}" }, events.Select(e => MailboxView.Key(e.Body)).ToArray());
        var e1 = events.Single(e => MailboxView.Key(e.Body) == $"activity:{visit.Id}");
        Assert.AreEqual(visit.StartUtc, e1.StartUtc);
        CollectionAssert.Contains(e1.Body["categories"]!.AsArray().Select(c => (string?)c).ToList(), "CRM");
        StringAssert.Contains((string)e1.Body["body"]!["content"]!, EventFields.NoteMarker);

        rig.Crm.Change(db =>
        {
            db.Activities.Find(later.Id)!.Status = ActivityStatus.Cancelled;
            db.Activities.Find(visit.Id)!.StartUtc = visit.StartUtc.AddHours(2);
        });
        await rig.CycleAsync(rig.Crm.RepA);

        events = rig.MailboxOf(rig.Crm.RepA).AllEvents();
        Assert.AreEqual($"activity:{visit.Id}", MailboxView.Key(events.Single().Body), "the cancelled visit left the calendar");
        Assert.AreEqual(visit.StartUtc.AddHours(2), events.Single().StartUtc, "the moved visit moved in Outlook");
    }

    [TestMethod]
    public async Task AVisitAfterTheNextDaylightSavingChangeKeepsItsLocalTimeInParis()
    {
        await using var rig = await SyncRig.StartAsync();
        // The first day after Paris next changes its clocks: planned today at 09:00 Paris time, it must stay 09:00.
        var today = DateTime.UtcNow.Date;
        var change = Enumerable.Range(1, 366).Select(d => today.AddDays(d)).First(d => Paris.GetUtcOffset(d) != Paris.GetUtcOffset(today));
        var day = change.AddDays(2);
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.AddHours(9), DateTimeKind.Unspecified), Paris);
        Assert.AreNotEqual(Paris.GetUtcOffset(today), Paris.GetUtcOffset(startUtc), "the visit is on the other side of a DST change");
        var company = rig.Crm.AddCompany("Paris DST", rig.Crm.RepA, 1);
        var visit = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, startUtc);
        var settings = new Dictionary<string, string?> { ["Sync:CalendarDaysAhead"] = ((day - today).Days + 5).ToString() };

        await rig.CycleAsync(rig.Crm.RepA, settings: settings);

        var e = rig.MailboxOf(rig.Crm.RepA).AllEvents().Single();
        Assert.AreEqual(startUtc, e.StartUtc);
        Assert.AreEqual(new TimeSpan(9, 0, 0), TimeZoneInfo.ConvertTimeFromUtc(e.StartUtc, Paris).TimeOfDay, "09:00 in Paris on the day");
        Assert.AreEqual("Romance Standard Time", (string?)e.Body["originalStartTimeZone"]);

        // And back: an appointment the rep sets at 09:00 Paris time that day becomes a CRM activity at that instant.
        var contact = company.Contacts[0];
        var created = rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "POST", "events", Appointment("Second visit", day.AddHours(9), "Europe/Paris", contact.Email!, "CRM"))!;
        await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        var imported = rig.Crm.WithDb(db => db.Activities.AsNoTracking().Single(a => a.OutlookICalUId == (string?)created["iCalUId"]));
        Assert.AreEqual(startUtc, imported.StartUtc);
    }

    [TestMethod]
    public async Task DoneInOutlookWithoutANoteStaysOpenAndTheEventSaysANoteIsRequired()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Note Rule Co", rig.Crm.RepA, 1);
        var visit = rig.Crm.AddActivity(rig.Crm.RepA, company.Id, DateTime.UtcNow.Date.AddHours(7));
        await rig.CycleAsync(rig.Crm.RepA);
        var eventId = (string)rig.MailboxOf(rig.Crm.RepA).AllEvents().Single().Body["id"]!;

        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"events/{eventId}", new JsonObject { ["categories"] = new JsonArray("CRM", "CRM: done") });
        await rig.CycleAsync(rig.Crm.RepA);

        Assert.AreEqual(ActivityStatus.Planned, rig.Crm.WithDb(db => db.Activities.Find(visit.Id)!.Status), "no note, no close");
        var categories = Categories(rig, eventId);
        CollectionAssert.Contains(categories, "CRM: note required");
        CollectionAssert.Contains(categories, "CRM: done");

        // The rep writes the note below the marker line (Outlook keeps the body as HTML).
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "PATCH", $"events/{eventId}", new JsonObject
        {
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = $"<html><body><p>Bring the new catalogue</p><p>{EventFields.NoteMarker}</p><p>Met the buyer &amp; agreed on a trial order.</p></body></html>" },
        });
        await rig.CycleAsync(rig.Crm.RepA);

        var (status, notes) = rig.Crm.WithDb(db => (db.Activities.Find(visit.Id)!.Status, db.Notes.Where(n => n.ActivityId == visit.Id).Select(n => n.Text).ToList()));
        Assert.AreEqual(ActivityStatus.Done, status);
        Assert.AreEqual("Met the buyer & agreed on a trial order.", notes.Single());
        categories = Categories(rig, eventId);
        CollectionAssert.DoesNotContain(categories, "CRM: note required");
        CollectionAssert.Contains(categories, "CRM: done");
    }

    [TestMethod]
    public async Task AnAppointmentTaggedCrmBecomesAnActivityOfTheAttendeesCompanyOnce()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Attendee Co", rig.Crm.RepA, 2);
        var start = DateTime.UtcNow.Date.AddDays(1).AddHours(10);
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "POST", "events", Appointment("Lunch with the buyer", start, "UTC", company.Contacts[1].Email!, "CRM"));
        rig.Graph.AsOutlook(rig.Crm.RepA.Upn, "POST", "events", Appointment("Dentist", start.AddDays(1), "UTC", "someone@else.example"));

        await rig.CycleAsync(rig.Crm.RepA);
        await rig.CycleAsync(rig.Crm.RepA);

        var activities = rig.Crm.WithDb(db => db.Activities.AsNoTracking().Include(a => a.Contacts).ToList());
        var activity = activities.Single();
        Assert.AreEqual(company.Id, activity.CompanyId);
        Assert.AreEqual("Lunch with the buyer", activity.Subject);
        Assert.AreEqual(start, activity.StartUtc);
        Assert.AreEqual(company.Contacts[1].Id, activity.Contacts.Single().ContactId);
        var events = rig.MailboxOf(rig.Crm.RepA).AllEvents();
        Assert.AreEqual(2, events.Count, "the personal appointment is untouched and nothing is duplicated");
        Assert.AreEqual($"activity:{activity.Id}", MailboxView.Key(events.Single(e => (string?)e.Body["subject"] == "Lunch with the buyer").Body));
        Assert.IsNull(MailboxView.Key(events.Single(e => (string?)e.Body["subject"] == "Dentist").Body));
    }

    internal static JsonObject Appointment(string subject, DateTime localStart, string zone, string attendee, params string[] categories) => new()
    {
        ["subject"] = subject,
        ["start"] = new JsonObject { ["dateTime"] = localStart.ToString("yyyy-MM-ddTHH:mm:ss"), ["timeZone"] = zone },
        ["end"] = new JsonObject { ["dateTime"] = localStart.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss"), ["timeZone"] = zone },
        ["attendees"] = new JsonArray(new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = attendee, ["name"] = attendee } }),
        ["categories"] = new JsonArray(categories.Select(c => (JsonNode)c).ToArray()),
    };

    private static List<string?> Categories(SyncRig rig, string eventId) =>
        rig.MailboxOf(rig.Crm.RepA).AllEvents().Single(e => (string?)e.Body["id"] == eventId).Body["categories"]!.AsArray().Select(c => (string?)c).ToList();
}

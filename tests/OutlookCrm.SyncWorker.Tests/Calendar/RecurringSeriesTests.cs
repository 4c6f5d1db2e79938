using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Calendar;

// Issue 11 point 5: calendarView returns a series as occurrences and exceptions, each with its own iCalUId
// (https://learn.microsoft.com/en-us/graph/api/user-list-calendarview). The worker never writes to them (a write
// detaches an occurrence); a tagged series is not one planned activity per occurrence; an occurrence marked done
// is logged once as a done activity with its note.
[TestClass]
public sealed class RecurringSeriesTests
{
    [TestMethod]
    public async Task ATaggedWeeklySeriesOfTenLogsOnlyTheOccurrenceMarkedDoneAndIsNeverWrittenTo()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Series Co", rig.Crm.RepA, 1);
        var email = company.Contacts[0].Email!;
        var upn = rig.Crm.RepA.Upn;
        var first = DateTime.UtcNow.Date.AddDays(-7).AddHours(9);
        const string master = "SERIES-MASTER-1";
        var ids = new List<string>();
        for (var week = 0; week < 10; week++)
        {
            if (week == 4) continue; // the cancelled occurrence: calendarView no longer returns it
            var start = first.AddDays(7 * week);
            var moved = week == 2; // the exception: moved by two hours
            var e = CalendarSyncTests.Appointment("Weekly review", moved ? start.AddHours(2) : start, "UTC", email, "CRM");
            e["type"] = moved ? "exception" : "occurrence";
            e["seriesMasterId"] = master;
            e["originalStart"] = start.ToString("yyyy-MM-ddTHH:mm:ssZ");
            ids.Add((string)rig.Graph.AsOutlook(upn, "POST", "events", e)!["id"]!);
        }
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(0, rig.Crm.WithDb(db => db.Activities.Count()), "a tagged series is not one planned activity per occurrence");

        // The rep marks the moved exception done, with a note below the marker line.
        var exceptionId = ids[2];
        rig.Graph.AsOutlook(upn, "PATCH", $"events/{exceptionId}", new JsonObject
        {
            ["categories"] = new JsonArray("CRM", "CRM: done"),
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = $"<p>{EventFields.NoteMarker}</p><p>Reviewed the quarter.</p>" },
        });
        await rig.CycleAsync(rig.Crm.RepA);
        rig.Graph.ExpireDeltaTokens(); // and a full reconcile: still logged once
        await rig.CycleAsync(rig.Crm.RepA);

        var activity = rig.Crm.WithDb(db => db.Activities.AsNoTracking().Single());
        var notes = rig.Crm.WithDb(db => db.Notes.Where(n => n.ActivityId == activity.Id).Select(n => n.Text).ToList());
        Assert.AreEqual(ActivityStatus.Done, activity.Status);
        Assert.AreEqual(first.AddDays(14).AddHours(2), activity.StartUtc, "at the exception's moved time");
        Assert.AreEqual("Reviewed the quarter.", notes.Single(), "one note: logged once");
        var m = rig.MailboxOf(rig.Crm.RepA);
        Assert.AreEqual(0, m.Patches.Count(p => p.Kind == "event"), "no occurrence or exception was ever written to");
        Assert.AreEqual(9, m.AllEvents().Count);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Options;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.GraphDouble;
using OutlookCrm.SyncWorker.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace OutlookCrm.SyncWorker.Tests.Calendar;

// Issue 17: a follow-up due becomes a reminder in the rep's calendar, follows the CRM, and the calendar loop leaves it alone.
[TestClass]
public sealed class FollowUpReminderTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static async Task<FollowUpReport> Run(SyncRig rig, User rep)
    {
        await using var worker = rig.Worker();
        var reminders = new FollowUpReminders(worker.GetRequiredService<CrmClient>(), worker.GetRequiredService<GraphServiceClient>(),
            worker.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyncOptions>>(), MsOptions.Create(new FollowUpReminderOptions()),
            NullLogger<FollowUpReminders>.Instance);
        return await reminders.RunAsync(SyncRig.Mailbox(rep), CancellationToken.None);
    }

    private static List<(string Key, string Subject, DateTime StartUtc, List<string?> Categories, bool Reminder)> Reminders(SyncRig rig, User rep) =>
        rig.MailboxOf(rep).AllEvents()
            .Where(e => GraphQuery.PropertyValue(e.Body, FollowUpReminders.KeyProperty) is not null)
            .Select(e => (GraphQuery.PropertyValue(e.Body, FollowUpReminders.KeyProperty)!, (string)e.Body["subject"]!, e.StartUtc,
                e.Body["categories"]!.AsArray().Select(c => (string?)c).ToList(), (bool?)e.Body["isReminderOn"] == true))
            .ToList();

    [TestMethod]
    public async Task AFollowUpDueIsAReminderAtNineOnItsDayThatMovesWithItAndGoesWhenDone()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Reminder Co", rig.Crm.RepA, 1);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Paris));
        var followUp = new FollowUp { CompanyId = company.Id, OwnerId = rig.Crm.RepA.Id, DueOn = today.AddDays(3), Reason = "Call back about the quote",
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1 };
        var others = new FollowUp { CompanyId = company.Id, OwnerId = rig.Crm.RepB.Id, DueOn = today.AddDays(2), Reason = "Rep B's",
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1 };
        rig.Crm.Change(db => db.FollowUps.AddRange(followUp, others));

        Assert.AreEqual(1, (await Run(rig, rig.Crm.RepA)).Created);
        var reminder = Reminders(rig, rig.Crm.RepA).Single();
        Assert.AreEqual($"followup:{followUp.Id}", reminder.Key);
        Assert.AreEqual("Follow-up: Reminder Co — Call back about the quote", reminder.Subject);
        Assert.AreEqual(TimeZoneInfo.ConvertTimeToUtc(today.AddDays(3).ToDateTime(new TimeOnly(9, 0)), Paris), reminder.StartUtc, "09:00 Paris time on the due date");
        CollectionAssert.AreEqual(new[] { FollowUpReminders.Category }, reminder.Categories);
        Assert.IsTrue(reminder.Reminder);

        // The calendar loop neither imports the reminder as an activity nor deletes it; a second pass writes nothing.
        await rig.CycleAsync(rig.Crm.RepA);
        Assert.AreEqual(1, Reminders(rig, rig.Crm.RepA).Count);
        Assert.AreEqual(0, rig.Crm.WithDb(db => db.Activities.Count()), "no activity imported from the reminder");
        var again = await Run(rig, rig.Crm.RepA);
        Assert.AreEqual((0, 0, 0, 1), (again.Created, again.Updated, again.Deleted, again.Unchanged));

        rig.Crm.Change(db => db.FollowUps.Find(followUp.Id)!.DueOn = today.AddDays(5));
        Assert.AreEqual(1, (await Run(rig, rig.Crm.RepA)).Updated);
        Assert.AreEqual(TimeZoneInfo.ConvertTimeToUtc(today.AddDays(5).ToDateTime(new TimeOnly(9, 0)), Paris), Reminders(rig, rig.Crm.RepA).Single().StartUtc);

        rig.Crm.Change(db => db.FollowUps.Find(followUp.Id)!.DoneAt = DateTime.UtcNow);
        Assert.AreEqual(1, (await Run(rig, rig.Crm.RepA)).Deleted);
        Assert.AreEqual(0, Reminders(rig, rig.Crm.RepA).Count, "done in the CRM: the reminder is gone");
        Assert.AreEqual(0, Reminders(rig, rig.Crm.RepB).Count, "rep B's follow-up is not in rep A's run, nor anyone else's calendar");
    }
}

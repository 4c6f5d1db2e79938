using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;
using Mailbox = OutlookCrm.SyncWorker.Crm.Mailbox;

namespace OutlookCrm.SyncWorker.Sync;

public sealed record FollowUpItem(long Id, long CompanyId, string CompanyName, long? DealId, string? DealTitle, int OwnerId, DateOnly DueOn,
    string Reason, bool Overdue, int Version);

public sealed record FollowUpList(int Overdue, int DueToday, IReadOnlyList<FollowUpItem> Items);

public sealed class FollowUpReport
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Deleted { get; set; }
    public int Unchanged { get; set; }
}

// Bound from "FollowUps": the reminder's time of day in the CRM's zone (Reports:TimeZone) and how far ahead it mirrors.
public sealed class FollowUpReminderOptions
{
    public const string Section = "FollowUps";
    public bool Enabled { get; set; } = true;
    public string TimeZone { get; set; } = "Europe/Paris";
    public TimeOnly ReminderAt { get; set; } = new(9, 0);
    public int DaysAhead { get; set; } = 365;
    public int DaysBack { get; set; } = 30;
}

// A follow-up due ("relance") becomes a 15-minute "free" event with a reminder at ReminderAt on its due date in the rep's calendar:
// the calendar, not a To Do task, because the worker already holds Calendars.ReadWrite (To Do's application permission would be
// one more grant) and a calendar reminder rings on every device the rep carries. The event is keyed by its own extended property
// (not OutlookCrmId) and categorised "Follow-up (CRM)" (not starting with "CRM"), so the calendar loop neither imports it as an
// activity nor deletes it as an unknown CRM key. No state: each cycle lists the window's reminders and writes only differences.
public sealed class FollowUpReminders(CrmClient crm, GraphServiceClient? graph, IOptions<SyncOptions> sync, IOptions<FollowUpReminderOptions> options,
    ILogger<FollowUpReminders> log)
{
    public const string Loop = "follow-ups", Category = "Follow-up (CRM)";
    public const string KeyProperty = "String {5c1d9a3e-7f64-4b8a-9e2f-3d6b0a4c8e71} Name OutlookCrmFollowUp";

    public sealed record Fields(string Subject, string StartLocal, string EndLocal, string TimeZone);

    public async Task<FollowUpReport> RunAsync(Mailbox mailbox, CancellationToken ct)
    {
        var o = options.Value;
        var zone = EventFields.ZoneOf(o.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var (first, last) = (today.AddDays(-o.DaysBack), today.AddDays(o.DaysAhead));
        var wanted = (await crm.GetFollowUpsAsync(mailbox.UserId, ct)).Items
            .Where(f => f.OwnerId == mailbox.UserId && f.DueOn >= first && f.DueOn <= last)
            .ToDictionary(f => $"followup:{f.Id}", f => (Item: f, Fields: FieldsOf(f, o, zone)));
        var have = graph is null ? [] : await ListAsync(mailbox.Upn, Utc(first, TimeOnly.MinValue, zone), Utc(last.AddDays(1), TimeOnly.MinValue, zone), ct);

        var report = new FollowUpReport();
        foreach (var (key, want) in wanted)
        {
            if (!have.Remove(key, out var e)) { await WriteAsync(mailbox, "create", key, () => CreateAsync(mailbox.Upn, key, want.Item, want.Fields, ct)); report.Created++; continue; }
            var patch = Patch(e, want.Fields);
            if (patch is null) { report.Unchanged++; continue; }
            await WriteAsync(mailbox, "update", key, () => graph!.Users[mailbox.Upn].Events[e.Id].PatchAsync(patch, cancellationToken: ct));
            report.Updated++;
        }
        // Done, given to someone else or moved out of the window: the reminder goes.
        foreach (var (key, e) in have)
        {
            await WriteAsync(mailbox, "delete", key, () => graph!.Users[mailbox.Upn].Events[e.Id].DeleteAsync(cancellationToken: ct));
            report.Deleted++;
        }
        log.LogInformation("{Mailbox} {Loop}{DryRun}: created {Created}, updated {Updated}, deleted {Deleted}, unchanged {Unchanged}",
            mailbox.Upn, Loop, sync.Value.DryRun || graph is null ? " [dry-run]" : "", report.Created, report.Updated, report.Deleted, report.Unchanged);
        return report;
    }

    public static Fields FieldsOf(FollowUpItem f, FollowUpReminderOptions o, TimeZoneInfo zone)
    {
        var start = f.DueOn.ToDateTime(o.ReminderAt);
        return new Fields($"Follow-up: {f.CompanyName} — {f.Reason}", Local(start), Local(start.AddMinutes(15)), EventFields.GraphZoneName(zone));
    }

    private async Task WriteAsync(Mailbox mailbox, string action, string key, Func<Task> write)
    {
        if (sync.Value.DryRun || graph is null) { log.LogInformation("[dry-run] {Mailbox} would {Action} the reminder {Key}", mailbox.Upn, action, key); return; }
        await write();
    }

    private async Task CreateAsync(string upn, string key, FollowUpItem f, Fields fields, CancellationToken ct) =>
        await graph!.Users[upn].Events.PostAsync(new Event
        {
            Subject = fields.Subject,
            Start = new DateTimeTimeZone { DateTime = fields.StartLocal, TimeZone = fields.TimeZone },
            End = new DateTimeTimeZone { DateTime = fields.EndLocal, TimeZone = fields.TimeZone },
            ShowAs = FreeBusyStatus.Free,
            IsReminderOn = true,
            ReminderMinutesBeforeStart = 0,
            Categories = [Category],
            Body = new ItemBody { ContentType = BodyType.Text, Content = $"{f.Reason}\n\n{f.CompanyName}{(f.DealTitle is null ? "" : " — " + f.DealTitle)}\n(CRM follow-up {f.Id}: mark it done in the CRM)" },
            SingleValueExtendedProperties = [new() { Id = KeyProperty, Value = key }],
        }, cancellationToken: ct);

    // Only the subject and times the CRM owns, when they differ; the rep's body, categories and reminder choice stay theirs.
    private static Event? Patch(Event e, Fields want)
    {
        var zone = EventFields.ZoneOf(OutlookTimeZones.ToIana(want.TimeZone, null));
        var (start, end) = (Local(TimeZoneInfo.ConvertTimeFromUtc(EventFields.Utc(e.Start), zone)), Local(TimeZoneInfo.ConvertTimeFromUtc(EventFields.Utc(e.End), zone)));
        var patch = new Event();
        var changed = false;
        if (e.Subject != want.Subject) (patch.Subject, changed) = (want.Subject, true);
        if (start != want.StartLocal || end != want.EndLocal)
        {
            patch.Start = new DateTimeTimeZone { DateTime = want.StartLocal, TimeZone = want.TimeZone };
            patch.End = new DateTimeTimeZone { DateTime = want.EndLocal, TimeZone = want.TimeZone };
            changed = true;
        }
        return changed ? patch : null;
    }

    private async Task<Dictionary<string, Event>> ListAsync(string upn, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var found = new Dictionary<string, Event>();
        var page = await graph!.Users[upn].CalendarView.GetAsync(r =>
        {
            r.QueryParameters.StartDateTime = fromUtc.ToString("o");
            r.QueryParameters.EndDateTime = toUtc.ToString("o");
            r.QueryParameters.Expand = [$"singleValueExtendedProperties($filter=id eq '{KeyProperty}')"];
            r.QueryParameters.Top = 100;
        }, ct);
        while (page is not null)
        {
            foreach (var e in page.Value ?? [])
                if (e.SingleValueExtendedProperties?.FirstOrDefault(p => string.Equals(p.Id, KeyProperty, StringComparison.OrdinalIgnoreCase))?.Value is { } key
                    && !found.TryAdd(key, e))
                    await graph.Users[upn].Events[e.Id].DeleteAsync(cancellationToken: ct); // a duplicate (a create retried after a dropped answer)
            if (page.OdataNextLink is null) break;
            page = await graph.Users[upn].CalendarView.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: ct);
        }
        return found;
    }

    private static string Local(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    private static DateTime Utc(DateOnly day, TimeOnly at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(at), zone);
}

// Its own loop, beside the contacts and calendar one (SyncLoop): every poll interval, each mailbox this instance holds the
// lease of (LeaseKeeper), written under that lease like the other loops: with several instances one writer per mailbox, and
// no write once the lease is lost (LeaseGuardHandler). Being stateless, what a lost lease interrupts the next holder finishes.
public sealed class FollowUpReminderLoop(IServiceScopeFactory scopes, CrmClient crm, LeaseKeeper leases, IOptions<SyncOptions> sync,
    IOptions<FollowUpReminderOptions> options, ILogger<FollowUpReminderLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(sync.Value.PollInterval);
        do
        {
            try
            {
                var held = leases.Held.ToDictionary(l => l.UserId);
                foreach (var mailbox in await crm.GetMailboxesAsync(stoppingToken))
                {
                    // Dry-run writes nothing and takes no lease; otherwise only this instance's mailboxes.
                    var lease = held.GetValueOrDefault(mailbox.UserId);
                    if (!sync.Value.DryRun && (lease is null || lease.IsLost)) continue;
                    using var scope = scopes.CreateScope();
                    using var cycle = lease is null ? CancellationTokenSource.CreateLinkedTokenSource(stoppingToken)
                        : CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                    using (MailboxScope.Enter(new MailboxScope { Mailbox = mailbox.Upn, Lease = lease }))
                        try { await scope.ServiceProvider.GetRequiredService<FollowUpReminders>().RunAsync(mailbox, cycle.Token); }
                        catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogWarning("{Mailbox} follow-ups: {Error}; retried next cycle", mailbox.Upn, e.Message); }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Follow-up reminders: the CRM API could not be reached; retried next cycle"); }
            if (sync.Value.DryRun) return;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class FollowUpReminderSetup
{
    public static IServiceCollection AddFollowUpReminders(this IServiceCollection services)
    {
        services.AddOptions<FollowUpReminderOptions>().BindConfiguration(FollowUpReminderOptions.Section);
        services.AddTransient(sp => new FollowUpReminders(sp.GetRequiredService<CrmClient>(),
            sp.GetRequiredService<IOptions<GraphOptions>>().Value.Mode == GraphMode.None ? null : sp.GetRequiredService<GraphServiceClient>(),
            sp.GetRequiredService<IOptions<SyncOptions>>(), sp.GetRequiredService<IOptions<FollowUpReminderOptions>>(), sp.GetRequiredService<ILogger<FollowUpReminders>>()));
        services.AddHostedService<FollowUpReminderLoop>();
        return services;
    }
}

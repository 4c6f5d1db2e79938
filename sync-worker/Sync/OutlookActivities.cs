using Microsoft.Graph.Models;
using OutlookCrm.SyncWorker.Crm;
using Mailbox = OutlookCrm.SyncWorker.Crm.Mailbox;
using OutlookCrm.SyncWorker.Graph;

namespace OutlookCrm.SyncWorker.Sync;

// The Outlook → CRM direction, always through the API so its rules apply (visibility, the note to close).
public sealed class OutlookActivities(CrmClient crm, Mailbox mailbox, bool dryRun, ILogger log)
{
    // An appointment the rep tagged "CRM": the company comes from its attendees. Idempotent on the API side
    // (same iCalUId → same activity), so a crash before the event is tagged never creates a second activity.
    // done: an occurrence of a recurring series marked "CRM: done", logged as one done activity with its note (the API
    // refuses it without a note, 422: the occurrence is then set aside and its reason shown).
    public async Task<ActivityDto?> ImportAsync(Event e, CancellationToken ct, bool done = false)
    {
        var emails = (e.Attendees ?? []).Select(a => a.EmailAddress?.Address).OfType<string>()
            .Where(a => !a.Equals(mailbox.Upn, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var cards = await crm.LookupAsync(mailbox.UserId, emails, ct);
        var company = cards.Select(c => c.Company).FirstOrDefault(c => c is not null);
        if (company is null)
        {
            log.LogWarning("{Mailbox}: event \"{Subject}\" is tagged CRM but no attendee is a known contact; not imported", mailbox.Upn, e.Subject);
            return null;
        }
        if (dryRun)
        {
            log.LogInformation("[dry-run] {Mailbox} would log event \"{Subject}\" as a CRM activity of {Company}", mailbox.Upn, e.Subject, company.Name);
            return null;
        }
        var start = EventFields.Utc(e.Start);
        var request = new ActivityRequest("Meeting", Subject(e.Subject), start, company.Id,
            EventFields.Utc(e.End), OutlookTimeZones.ToIana(e.OriginalStartTimeZone, e.OriginalEndTimeZone),
            cards.Where(c => c.Company?.Id == company.Id && c.Contact is not null).Select(c => c.Contact!.Id).Distinct().ToList(),
            e.Location?.DisplayName is { Length: > 0 } place ? place : null, e.Id, e.ICalUId,
            done ? "Done" : "Planned", done ? EventFields.NoteBelowMarker(e.Body) : null);
        var activity = await crm.LogActivityAsync(mailbox.UserId, request, ct);
        log.LogInformation("{Mailbox}: event \"{Subject}\" logged as CRM activity {Id}", mailbox.Upn, e.Subject, activity.Id);
        return activity;
    }

    // The CRM keeps 200 characters of a subject (Outlook allows 255): a longer one is cut, and the cut shows.
    public const int SubjectLength = 200;

    public static string Subject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject)) return "Outlook appointment";
        subject = subject.Trim();
        return subject.Length <= SubjectLength ? subject : subject[..(SubjectLength - 1)].TrimEnd() + "…";
    }

    // "CRM: done" on the event: close the activity with the note written below the marker line.
    // Returns false when the API refuses (no note), true when closed or already closed.
    public async Task<bool?> CloseAsync(long activityId, Event e, CancellationToken ct)
    {
        var activity = await crm.GetActivityAsync(mailbox.UserId, activityId, ct);
        if (activity is null) return null;
        if (activity.Status != "Planned") return true;
        var note = EventFields.NoteBelowMarker(e.Body);
        if (dryRun)
        {
            log.LogInformation("[dry-run] {Mailbox} would close activity {Id} ({Note})", mailbox.Upn, activityId, note is null ? "no note" : "with the note from the event");
            return true;
        }
        try
        {
            await crm.CloseActivityAsync(mailbox.UserId, activityId, activity.Version, new CloseRequest(null, note), ct);
            log.LogInformation("{Mailbox}: activity {Id} closed from Outlook", mailbox.Upn, activityId);
            return true;
        }
        catch (CrmRuleException refused)
        {
            log.LogInformation("{Mailbox}: activity {Id} stays open: {Reason}", mailbox.Upn, activityId, refused.Message);
            return false;
        }
    }
}

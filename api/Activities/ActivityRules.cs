namespace OutlookCrm.Api.Activities;

// The note rule, in one place: every path that marks an activity done (create, update, close,
// the sync worker's Outlook "done") goes through MarkDone.
internal static class ActivityRules
{
    public const string NoteRequired =
        "An activity cannot be closed without a note. Write what happened (a note on this activity), then close it.";

    public const string DoneStaysDone =
        "A done activity stays done: it cannot be set back to planned or cancelled. Plan a new activity instead.";

    // Done is final on every path (PUT, logging the same Outlook item again, cancel): the history a manager reads never moves back.
    public static void KeepDone(Activity activity, ActivityStatus requested)
    {
        if (activity.Status == ActivityStatus.Done && requested != ActivityStatus.Done) throw CrmProblem.Rule(DoneStaysDone);
    }

    public static async Task MarkDone(CrmDbContext db, Activity activity, string? outcome, bool noteAddedNow)
    {
        var hasNote = noteAddedNow || (activity.Id != 0 && await db.Notes.AnyAsync(n => n.ActivityId == activity.Id));
        if (!hasNote) throw CrmProblem.Rule(NoteRequired);
        activity.Status = ActivityStatus.Done;
        activity.Outcome = outcome ?? activity.Outcome;
        activity.ClosedAt ??= DateTime.UtcNow;
    }

    public static string ValidTimeZone(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone)) return "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            throw CrmProblem.Invalid("TimeZone", $"'{zone}' is not a known time zone (use an IANA or Windows id, such as Europe/Paris).");
        return zone;
    }
}

using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

// Pipeline alerts on the card: those of the open deals of the companies shown (already visible to the caller), decided
// from the facts the card's statement read with them (CardItem).
internal static class LookupAlerts
{
    public static IEnumerable<LookupAlert> ForDeals(IEnumerable<OpenDeal> deals, DateTime now, Reference.StageTranslations stageTexts,
        AlertOptions options, string language) =>
        deals.SelectMany(d => PipelineAlerts.Of(d, options, now))
            .Select(a => new LookupAlert(a.Kind, a.DealId, $"{a.Deal}: {a.Message}", Params(a, options, stageTexts, language)));

    // An overdue follow-up of the company is an alert on its card (kind FollowUpOverdue: params reason, dueOn, days, owner).
    public static IEnumerable<LookupAlert> ForFollowUps(IEnumerable<LookupFollowUp> followUps, DateOnly today) =>
        followUps.Where(f => f.DueOn < today).Select(f => new LookupAlert(AlertKinds.FollowUpOverdue, f.DealId,
            $"Follow-up overdue by {today.DayNumber - f.DueOn.DayNumber} days (due {f.DueOn:yyyy-MM-dd}, {f.OwnerName}): {f.Reason}",
            new Dictionary<string, object?> { ["reason"] = f.Reason, ["dueOn"] = f.DueOn.ToString("yyyy-MM-dd"), ["days"] = today.DayNumber - f.DueOn.DayNumber, ["owner"] = f.OwnerName }));

    // What the pane needs to write the alert in its own language.
    private static Dictionary<string, object?> Params(PipelineAlert a, AlertOptions options, Reference.StageTranslations stageTexts, string language) =>
        a.Kind == AlertKinds.StageTooLong
        ? new() { ["deal"] = a.Deal, ["stage"] = stageTexts.Name(a.Stage, language), ["days"] = a.DaysInStage, ["max"] = a.MaxDaysInStage }
        : new() { ["deal"] = a.Deal, ["company"] = a.Company, ["days"] = a.DaysWithoutActivity, ["limit"] = options.NoActivityDays,
            ["sinceCreated"] = a.LastActivityUtc is null };
}

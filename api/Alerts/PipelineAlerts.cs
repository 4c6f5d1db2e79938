using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Alerts;

public static class AlertKinds
{
    public const string StageTooLong = "StageTooLong", NoActivity = "NoActivity", FollowUpOverdue = "FollowUpOverdue";
}

public sealed record PipelineAlert(string Kind, long DealId, string Deal, decimal Amount, long CompanyId, string Company,
    int OwnerId, string Owner, string Stage, DateTime StageEnteredAt, int DaysInStage, int? MaxDaysInStage,
    DateTime? LastActivityUtc, int DaysWithoutActivity, string Message);

// The one definition of pipeline alerts, used by /api/alerts, the lookup card and the workbook:
// an open deal beyond its stage's maximum days, or whose company had no contact (LastContact) for NoActivityDays
// (counted from the deal's creation when there was none). Open deals read with their last contact; one row per alert, so a deal
// can appear twice: totals over deals go through Distinct (the workbook's Alerts sheet has one row per deal).
public static class PipelineAlerts
{
    public static async Task<List<PipelineAlert>> ForDealsAsync(CrmDbContext db, IQueryable<Deal> deals, AlertOptions options, DateTime nowUtc)
    {
        var done = LastContact.Contacts(db);
        var rows = await deals.AsNoTracking()
            .Where(d => d.Stage!.Kind == StageKind.Open)
            .OrderBy(d => d.Owner!.DisplayName).ThenBy(d => d.StageEnteredAt).ThenBy(d => d.Id)
            .Select(d => new OpenDeal(d.Id, d.Title, d.Amount, d.CompanyId, d.Company!.Name, d.OwnerId, d.Owner!.DisplayName,
                d.Stage!.Name, d.Stage.MaxDaysInStage, d.StageEnteredAt, d.CreatedAt,
                done.Where(a => a.CompanyId == d.CompanyId || a.DealId == d.Id).Max(a => (DateTime?)a.StartUtc)))
            .ToListAsync();
        return rows.SelectMany(d => Of(d, options, nowUtc)).ToList();
    }

    // The two conditions are checked here, not in SQL: there the last-contact subquery ran twice per deal (filter and column).
    // The lookup card reads its open deals with these facts in its own statement and asks this too.
    public static IEnumerable<PipelineAlert> Of(OpenDeal d, AlertOptions options, DateTime nowUtc)
    {
        var inStage = (int)(nowUtc - d.StageEnteredAt).TotalDays;
        var quiet = LastContact.DaysSince(d.LastActivity ?? d.CreatedAt, LastContact.Today(nowUtc, options.Zone), options.Zone);
        PipelineAlert Alert(string kind, string message) => new(kind, d.Id, d.Title, d.Amount, d.CompanyId, d.Company, d.OwnerId,
            d.Owner, d.Stage, d.StageEnteredAt, inStage, d.MaxDaysInStage, d.LastActivity, quiet, message);
        if (d.MaxDaysInStage is { } max && d.StageEnteredAt.AddDays(max) < nowUtc)
            yield return Alert(AlertKinds.StageTooLong, $"In stage '{d.Stage}' for {inStage} days (maximum {max}).");
        if ((d.LastActivity ?? d.CreatedAt) < nowUtc.AddDays(-options.NoActivityDays))
            yield return Alert(AlertKinds.NoActivity, d.LastActivity is null
                ? $"No activity with {d.Company} since the deal was created {quiet} days ago."
                : $"No activity with {d.Company} for {quiet} days (limit {options.NoActivityDays}).");
    }
}

// What the alerts are decided from: an open deal with its stage's limit and its company's last contact (LastContact).
public sealed record OpenDeal(long Id, string Title, decimal Amount, long CompanyId, string Company, int OwnerId, string Owner,
    string Stage, int? MaxDaysInStage, DateTime StageEnteredAt, DateTime CreatedAt, DateTime? LastActivity);

using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.FollowUps;
using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.Alerts;

// What needs the rep's attention: deals (stage too long, no activity) and follow-ups due today or overdue.
public sealed record AlertsDto(IReadOnlyList<PipelineAlert> Pipeline, FollowUpList FollowUps);

public static class AlertsApi
{
    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", GetAlerts).WithTags("Alerts");
        return api;
    }

    // A rep's own deals; a manager's team (their territory's reps, or everyone's), narrowed by ?territory= or ?rep=.
    internal static async Task<Ok<AlertsDto>> GetAlerts(string? territory, string? rep, CrmDbContext db, Caller caller,
        IConfiguration config)
    {
        var scope = await ReportScope.ResolveAsync(db, caller, ReportQuery.Id("territory", territory), ReportQuery.Id("rep", rep));
        var owners = scope.UserIds;
        var alerts = await PipelineAlerts.ForDealsAsync(db, db.Deals.Where(d => owners.Contains(d.OwnerId)), AlertOptions.From(config), DateTime.UtcNow);
        var followUps = await FollowUpsApi.DueAsync(db, caller, owners, SalesClock.Today(config));
        return TypedResults.Ok(new AlertsDto(alerts, followUps));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.Alerts;

public static class AlertsApi
{
    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", GetAlerts).WithTags("Alerts");
        return api;
    }

    // A rep's own deals; a manager's team (their territory's reps, or everyone's), narrowed by ?territory= or ?rep=.
    internal static async Task<Ok<List<PipelineAlert>>> GetAlerts(string? territory, string? rep, CrmDbContext db, Caller caller,
        IConfiguration config)
    {
        var scope = await ReportScope.ResolveAsync(db, caller, ReportQuery.Id("territory", territory), ReportQuery.Id("rep", rep));
        var owners = scope.UserIds;
        var alerts = await PipelineAlerts.ForDealsAsync(db, db.Deals.Where(d => owners.Contains(d.OwnerId)), AlertOptions.From(config), DateTime.UtcNow);
        return TypedResults.Ok(alerts);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Reports;

// /api/reports: the figures as JSON, and the performance workbook built from the same queries.
public static class ReportsApi
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/summary", GetSummary);
        reports.MapGet("/clients-seen", GetClientsSeen);
        reports.MapGet("/pipeline", GetPipeline);
        reports.MapGet("/untouched-clients", GetUntouchedClients);
        reports.MapGet("/performance.xlsx", PerformanceWorkbook.GetWorkbook);
        return api;
    }

    internal static async Task<Ok<SummaryReport>> GetSummary([AsParameters] ReportQuery query, CrmDbContext db, Caller caller, IConfiguration config)
    {
        var options = ReportOptions.From(config);
        var (scope, period) = await query.ResolveAsync(db, caller, options, DateTime.UtcNow);
        return TypedResults.Ok(await SummaryFigures.BuildAsync(db, options, scope, period));
    }

    // Distinct clients seen per rep in each ISO week (granularity=week, the default) or calendar month.
    internal static async Task<Ok<SeenSeries>> GetClientsSeen([AsParameters] ReportQuery query, string? granularity,
        CrmDbContext db, Caller caller, IConfiguration config)
    {
        var options = ReportOptions.From(config);
        var (scope, period) = await query.ResolveAsync(db, caller, options, DateTime.UtcNow);
        return TypedResults.Ok(await SeenSeriesFigures.BuildAsync(db, options, scope, period, (granularity ?? "week").ToLowerInvariant()));
    }

    internal static async Task<Ok<PipelineReport>> GetPipeline([AsParameters] ReportQuery query, CrmDbContext db, Caller caller, IConfiguration config)
    {
        var options = ReportOptions.From(config);
        var now = DateTime.UtcNow;
        var (scope, period) = await query.ResolveAsync(db, caller, options, now);
        var stages = await PipelineFigures.PerStageAsync(db, scope.UserIds, period, now);
        return TypedResults.Ok(new PipelineReport(SummaryFigures.Period(period), stages,
            stages.Sum(s => s.Amount), stages.Sum(s => s.Weighted)));
    }

    internal static async Task<Ok<List<UntouchedClient>>> GetUntouchedClients([AsParameters] ReportQuery query, CrmDbContext db,
        Caller caller, IConfiguration config)
    {
        var options = ReportOptions.From(config);
        var (scope, period) = await query.ResolveAsync(db, caller, options, DateTime.UtcNow);
        return TypedResults.Ok(await UntouchedClients.ListAsync(db, scope, period));
    }
}

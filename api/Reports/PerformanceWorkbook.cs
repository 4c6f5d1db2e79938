using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Reports;

// GET /api/reports/performance.xlsx: the managers' workbook. Written to a temporary file first, so a failure
// half-way is still a ProblemDetails (not a truncated 200), then streamed out; memory stays flat either way.
public static partial class PerformanceWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal static async Task<FileStreamHttpResult> GetWorkbook([AsParameters] ReportQuery query, CrmDbContext db, Caller caller,
        IConfiguration config, ILoggerFactory logs, IServiceScopeFactory scopes, CancellationToken cancel)
    {
        if (!caller.IsManager)
            throw CrmProblem.Forbidden("The performance workbook is for managers. Your own figures are at /api/reports/summary.");
        var options = ReportOptions.From(config);
        var now = DateTime.UtcNow;
        var (scope, period) = await query.ResolveAsync(db, caller, options, now);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"crm-report-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            // A second context (its own connection) counts the activity figures while this one runs the other queries, and a
            // third streams the activity rows meanwhile.
            await using var side = scopes.CreateAsyncScope();
            await using var rows = scopes.CreateAsyncScope();
            await WriteAsync(file, db, options, AlertOptions.From(config), scope, period, now, logs.CreateLogger("OutlookCrm.Reports"),
                side.ServiceProvider.GetRequiredService<CrmDbContext>(), cancel, rows.ServiceProvider.GetRequiredService<CrmDbContext>());
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        return TypedResults.File(file, ContentType, $"performance_{period.From:yyyy-MM-dd}_{period.To:yyyy-MM-dd}.xlsx");
    }

    // Every sheet, in the order a manager reads them; returns the activity rows written. Public so the
    // benchmark drives exactly this code. side: a second context, on which the one scan of the activity figures runs
    // beside the other figure queries (two cores: the figures take the longer of the two, not their sum). rowsDb: a third
    // one, from which the activity rows are read and written (into the zip first, their tabs last) while the figures are
    // computed, instead of after them.
    public static async Task<int> WriteAsync(Stream output, CrmDbContext db, ReportOptions options, AlertOptions alertOptions,
        ReportScope scope, ReportPeriod period, DateTime nowUtc, ILogger log, CrmDbContext? side = null, CancellationToken cancel = default,
        CrmDbContext? rowsDb = null)
    {
        // Each phase's time in the log (the benchmark prints it): where a slow workbook spends it.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (mark, cpuMark) = (0L, Environment.CpuUsage.TotalTime);
        void Phase(string what)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            log.LogInformation("Workbook phase: {What} in {Elapsed} ms, {Cpu} ms CPU (process) ({Total} ms so far)", what,
                started.ElapsedMilliseconds - mark, (long)(cpu - cpuMark).TotalMilliseconds, started.ElapsedMilliseconds);
            (mark, cpuMark) = (started.ElapsedMilliseconds, cpu);
        }
        log.LogInformation("Workbook {From}..{To} for {Reps} reps: computing figures", period.From, period.To, scope.Users.Count);
        var dates = $"{period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}";
        using var book = XlsxBook.Create(output, new XlsxPrintHeader("Sales performance" + (scope.RepId is null ? "" : $": {scope.Users[0].Name}"),
            $"{dates} (last year: {period.LastYear.From:yyyy-MM-dd} to {period.LastYear.To:yyyy-MM-dd})"));
        if (rowsDb is null)
        {
            var f = await FiguresAsync(db, options, alertOptions, scope, period, nowUtc, side, Phase, cancel);
            FigureSheets(book, f, alertOptions, scope, period, nowUtc);
            Phase("figure sheets written");
            var written = await ActivitiesSheet(book, db, options, scope, period, log, cancel);
            Phase($"{written} activity rows written");
            return written;
        }

        // The figures on db and side, the rows on rowsDb at the same time; a failure of either stops the other.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var figuring = Task.Run(async () =>
        {
            try { return await FiguresAsync(db, options, alertOptions, scope, period, nowUtc, side, Phase, stop.Token); }
            catch { await stop.CancelAsync(); throw; }
        }, CancellationToken.None);
        int rows;
        try
        {
            rows = await ActivitiesSheet(book, rowsDb, options, scope, period, log, stop.Token);
        }
        catch (Exception e)
        {
            await stop.CancelAsync();
            // The rows stopped because the figures failed: the figures' failure is the one to report.
            try { await figuring; }
            catch (Exception failed) when (e is OperationCanceledException && failed is not OperationCanceledException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            }
            catch { }
            throw;
        }
        log.LogInformation("Workbook: {Rows} activity rows written after {Elapsed} ms", rows, started.ElapsedMilliseconds);
        var figures = await figuring;
        FigureSheets(book, figures, alertOptions, scope, period, nowUtc);
        Phase("figure sheets written");
        return rows;
    }

    private sealed record Figures(List<StageFigures> Stages, List<PipelineAlert> Alerts, List<UntouchedClient> Untouched, SalesFigures Sales,
        SummaryReport Summary, SeenSeries Weekly);

    private static async Task<Figures> FiguresAsync(CrmDbContext db, ReportOptions options, AlertOptions alertOptions, ReportScope scope,
        ReportPeriod period, DateTime nowUtc, CrmDbContext? side, Action<string> Phase, CancellationToken cancel)
    {
        // One scan of the done activities of this period and last year's feeds the Summary, Territories, Effort and weekly sheets.
        var counting = side is null ? ActivityFigures.CountAsync(db, options, scope.Users, [period, period.LastYear], cancel)
            : Task.Run(() => ActivityFigures.CountAsync(side, options, scope.Users, [period, period.LastYear], cancel), cancel);
        if (side is null) Phase("activity figures (one scan)");
        List<StageFigures> stages;
        List<PipelineAlert> alerts;
        List<UntouchedClient> untouched;
        SalesFigures sales;
        try
        {
            stages = await PipelineFigures.PerStageAsync(db, scope.UserIds, period, nowUtc);
            var owners = scope.UserIds;
            alerts = await PipelineAlerts.ForDealsAsync(db, db.Deals.Where(d => owners.Contains(d.OwnerId)), alertOptions, nowUtc);
            Phase($"pipeline and {alerts.Count} alerts");
            untouched = await UntouchedClients.ListAsync(db, scope, period);
            Phase($"{untouched.Count} untouched clients");
            sales = await SalesAsync(db, scope, period, LastContact.Today(nowUtc, options.Zone()), cancel);
            Phase($"{sales.Orders.Count} orders, {sales.Commissions.Count} commission statements, forecast");
        }
        catch
        {
            // Never leave the count running on the side context once this fails (its scope is disposed next).
            try { await counting; } catch { }
            throw;
        }
        var work = await counting;
        if (side is not null) Phase("activity figures (one scan, on the side context)");
        var summary = await SummaryFigures.BuildAsync(db, options, scope, period, work);
        var weekly = await SeenSeriesFigures.BuildAsync(db, options, scope, period, "week", work);
        Phase("rep and territory figures (deals, objectives), weekly series");
        return new(stages, alerts, untouched, sales, summary, weekly);
    }

    private static void FigureSheets(XlsxBook book, Figures f, AlertOptions alertOptions, ReportScope scope, ReportPeriod period, DateTime nowUtc)
    {
        var span = $"{period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd} against {period.LastYear.From:yyyy-MM-dd} to {period.LastYear.To:yyyy-MM-dd}";
        SummarySheet(book, f.Summary, span, period);
        WeeklySheet(book, f.Weekly, period);
        TerritoriesSheet(book, f.Summary, span, scope);
        PipelineSheet(book, f.Stages, period);
        AlertsSheet(book, f.Alerts, alertOptions, nowUtc);
        UntouchedSheet(book, f.Untouched, period);
        EffortSheet(book, f.Summary, span, period);
        OrdersSheet(book, f.Sales.Orders, scope, period);
        CommissionsSheet(book, f.Sales.Commissions, scope, period);
        ForecastSheet(book, f.Sales.Forecast, scope);
    }

    // "2026-01-01 to 2026-11-27 vs 2025": what a chart's title says about when.
    internal static string Versus(ReportPeriod p) => $"{p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd} vs same dates {p.LastYear.To.Year}";

    private static double? Change(double now, double before) => before == 0 ? null : Math.Round((now - before) / before, 4);

    private static void SummarySheet(XlsxBook book, SummaryReport s, string span, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Summary", [
            new("Rep", 20), new("Territory", 20), new("Clients seen", 8, XlsxStyle.Integer), new("Clients seen LY", 8, XlsxStyle.Integer),
            new("Clients seen change", 8, XlsxStyle.Percent), new("Seen per week", 8, XlsxStyle.Decimal), new("Seen per week LY", 8, XlsxStyle.Decimal),
            new("Seen per month", 8, XlsxStyle.Decimal), new("Activities", 9, XlsxStyle.Integer), new("Activities LY", 9, XlsxStyle.Integer),
            new("Activities per client per year", 9, XlsxStyle.Decimal), new("Visits", 7, XlsxStyle.Integer), new("Visits objective", 8, XlsxStyle.Decimal1),
            new("Quotes", 7, XlsxStyle.Integer), new("Wins", 6, XlsxStyle.Integer), new("Activities per quote", 9, XlsxStyle.Decimal),
            new("Activities per win", 9, XlsxStyle.Decimal), new("Won amount", 15, XlsxStyle.Currency), new("Won amount LY", 15, XlsxStyle.Currency),
            new("Revenue objective", 15, XlsxStyle.Currency), new("Objective achieved", 9, XlsxStyle.Percent),
            new("Won year to date", 15, XlsxStyle.Currency), new("Won LY to date", 15, XlsxStyle.Currency),
            new("Account sales YTD (ERP)", 15, XlsxStyle.Currency), new("Account sales LY (ERP)", 15, XlsxStyle.Currency)],
            title: $"Reps: {span}",
            charts: [new XlsxChart($"Clients seen per rep, {Versus(period)}", 0, [2, 3]),
                new XlsxChart($"Won amount vs revenue objective per rep, {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}", 0, [17, 19])],
            options: new XlsxSheetOptions(FrozenColumns: 1, OnePage: true));
        foreach (var r in s.Reps)
        {
            var (t, l) = (r.ThisPeriod, r.LastYear);
            sheet.Row(r.Rep, r.Territory, t.ClientsSeen, l.ClientsSeen, Change(t.ClientsSeen, l.ClientsSeen), t.ClientsSeenPerWeek,
                l.ClientsSeenPerWeek, t.ClientsSeenPerMonth, t.Activities, l.Activities, t.ActivitiesPerClientPerYear, t.Visits,
                r.ObjectiveVisits, t.Quotes, t.Wins, t.ActivitiesPerQuote, t.ActivitiesPerWin, t.WonAmount, l.WonAmount,
                r.ObjectiveRevenue, r.ObjectiveAchieved, r.Potential.WonYearToDate, r.Potential.WonLastYearToDate,
                r.AccountSalesYearToDate, r.AccountSalesLastYear);
        }
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, n, sum, sum, n, n, n, n, sum, sum, n, sum, sum, sum, sum, n, n, sum, sum, sum, n, sum, sum, sum, sum);
    }

    // In a manager's one-rep view the row is that rep's share of the territory, with the rep's own objectives.
    private static void TerritoriesSheet(XlsxBook book, SummaryReport s, string span, ReportScope scope)
    {
        var oneRep = scope.RepId is null ? "" : $" ({scope.Users[0].Name} only: the rep's own objectives)";
        using var sheet = book.AddSheet("Territories", [
            new("Territory", 20), new("Reps", 5, XlsxStyle.Integer), new("Clients seen", 8, XlsxStyle.Integer),
            new("Clients seen LY", 8, XlsxStyle.Integer), new("Activities", 9, XlsxStyle.Integer), new("Activities LY", 9, XlsxStyle.Integer),
            new("Quotes", 7, XlsxStyle.Integer), new("Wins", 6, XlsxStyle.Integer), new("Won amount", 15, XlsxStyle.Currency),
            new("Won amount LY", 15, XlsxStyle.Currency), new("Revenue objective", 15, XlsxStyle.Currency), new("Objective achieved", 9, XlsxStyle.Percent),
            new("Won year to date", 15, XlsxStyle.Currency), new("Won LY to date", 15, XlsxStyle.Currency), new("Run rate to year end", 15, XlsxStyle.Currency),
            new("Weighted pipeline", 15, XlsxStyle.Currency), new("Year-end forecast", 15, XlsxStyle.Currency), new("Year objective", 15, XlsxStyle.Currency),
            new("Forecast vs objective", 9, XlsxStyle.Percent)],
            title: $"Territories{oneRep}: {span}; potential to the end of {s.Period.To.Year}",
            charts: [new XlsxChart($"Year-end {s.Period.To.Year} forecast vs year objective per territory", 0, [16, 17])],
            options: new XlsxSheetOptions(FrozenColumns: 1));
        foreach (var t in s.Territories)
        {
            var p = t.Potential;
            sheet.Row(t.Territory, t.Reps, t.ThisPeriod.ClientsSeen, t.LastYear.ClientsSeen, t.ThisPeriod.Activities, t.LastYear.Activities,
                t.ThisPeriod.Quotes, t.ThisPeriod.Wins, t.ThisPeriod.WonAmount, t.LastYear.WonAmount, t.ObjectiveRevenue, t.ObjectiveAchieved,
                p.WonYearToDate, p.WonLastYearToDate, p.RunRateYearEnd, p.WeightedPipeline, p.YearEndForecast, p.YearObjective, p.ForecastVsObjective);
        }
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, sum, sum, sum, sum, sum, sum, sum, sum, sum, sum, n, sum, sum, sum, sum, sum, sum, n);
    }
}

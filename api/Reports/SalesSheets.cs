using OutlookCrm.Api.Commissions;
using OutlookCrm.Api.Forecast;
using OutlookCrm.Api.Orders;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Reports;

// The sales sheets of the managers' workbook: Orders, Commissions and Forecast, computed by the code behind
// /api/orders, /api/commissions/statement and /api/forecast, so the workbook and the JSON cannot disagree.
public static partial class PerformanceWorkbook
{
    public sealed record SalesFigures(List<OrderSummaryDto> Orders, List<CommissionStatement> Commissions, ForecastReport Forecast);

    // Orders taken in the period by the scope's reps (customers the manager sees); each rep's statement for every month of the
    // period that has started (closed months as stored); the forecast of the period's last year.
    internal static async Task<SalesFigures> SalesAsync(CrmDbContext db, ReportScope scope, ReportPeriod period, DateOnly today, CancellationToken cancel)
    {
        var ids = scope.UserIds;
        var orders = await db.Orders.AsNoTracking().VisibleTo(db, scope.Caller)
            .Where(o => o.OwnerId != null && ids.Contains(o.OwnerId.Value) && o.OrderedOn >= period.From && o.OrderedOn <= period.To)
            .OrderBy(o => o.OrderedOn).ThenBy(o => o.Id)
            .Select(o => new OrderSummaryDto(o.Id, o.Number, o.ExternalNumber, o.Source, o.CompanyId, o.Company!.Name, o.OwnerId, o.OrderedOn,
                o.TotalExclVat, o.TotalInclVat))
            .ToListAsync(cancel);
        var months = new List<DateOnly>();
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To && m <= today; m = m.AddMonths(1)) months.Add(m);
        var statements = await CommissionStatements.ForMonthsAsync(db, ids, months, cancel);
        return new SalesFigures(orders, statements, await ForecastApi.BuildAsync(db, scope, period.To.Year));
    }

    private static void OrdersSheet(XlsxBook book, List<OrderSummaryDto> orders, ReportScope scope, ReportPeriod period)
    {
        var names = scope.Users.ToDictionary(u => u.Id, u => u.Name);
        using var sheet = book.AddSheet("Orders", [
            new("Order", 13), new("ERP number", 13), new("Source", 7), new("Ordered on", 11, XlsxStyle.Date), new("Company", 30),
            new("Rep", 18), new("Total excl. VAT", 15, XlsxStyle.Currency), new("VAT", 13, XlsxStyle.Currency), new("Total incl. VAT", 15, XlsxStyle.Currency)],
            title: $"Orders taken from {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd} (quotes accepted and orders from the ERP), by order date");
        foreach (var o in orders)
            sheet.Row(o.Number ?? o.ExternalNumber ?? "", o.ExternalNumber ?? "", o.Source.ToString(), o.OrderedOn, o.CompanyName,
                o.OwnerId is int id ? names.GetValueOrDefault(id) ?? "" : "", o.TotalExclVat, o.TotalInclVat - o.TotalExclVat, o.TotalInclVat);
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Orders", XlsxTotal.Count, n, n, n, n, n, sum, sum, sum);
    }

    private static void CommissionsSheet(XlsxBook book, List<CommissionStatement> statements, ReportScope scope, ReportPeriod period)
    {
        var territories = scope.Users.ToDictionary(u => u.Id, u => u.TerritoryName ?? "");
        using var sheet = book.AddSheet("Commissions", [
            new("Rep", 20), new("Territory", 18), new("Month", 8), new("Closed", 7), new("Ordered amount", 15, XlsxStyle.Currency),
            new("Not under any rule", 15, XlsxStyle.Currency), new("Commission", 14, XlsxStyle.Currency), new("New-customer bonuses", 14, XlsxStyle.Currency),
            new("Total due", 14, XlsxStyle.Currency)],
            title: $"Commission statements per rep and month, {period.From:yyyy-MM} to {period.To:yyyy-MM} (closed months as closed; open months as of today)",
            options: new XlsxSheetOptions(FrozenColumns: 1, OnePage: true));
        foreach (var s in statements)
            sheet.Row(s.RepName, territories.GetValueOrDefault(s.RepId) ?? "", $"{s.Year}-{s.Month:D2}", s.Closed ? "Yes" : "No", s.OrderedAmount,
                s.UncoveredAmount, s.Commission, s.Bonuses, s.Total);
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, n, n, n, sum, sum, sum, sum, sum);
    }

    // Per rep, then per territory in a second table under the first (a sheet of its own would print a page more):
    // both as /api/forecast has them, on one printed page. Not in a one-rep view (?rep=), where a territory row would
    // hold that rep's deals against the whole territory's objective.
    private static void ForecastSheet(XlsxBook book, ForecastReport f, ReportScope scope)
    {
        using var sheet = book.AddSheet("Forecast", [
            new("Rep", 20), new("Territory", 18), new("Month of expected close", 10), new("Open deals", 7, XlsxStyle.Integer),
            new("Open amount", 15, XlsxStyle.Currency), new("Weighted amount", 15, XlsxStyle.Currency), new("Orders taken", 15, XlsxStyle.Currency),
            new("Objective", 15, XlsxStyle.Currency), new("Orders + weighted vs objective", 10, XlsxStyle.Percent)],
            title: $"Forecast {f.Year} per rep and month of expected close (weighted = amount × stage win probability; objective spread by days); " +
                "\"no date\": open deals without an expected close" + (scope.RepId is null ? "; per territory below" : ""),
            options: new XlsxSheetOptions(FrozenColumns: 1, OnePage: true));
        foreach (var r in f.Reps)
            sheet.Row(r.Rep ?? "", r.Territory ?? "", Month(f.Year, r.Month), r.OpenDeals, r.Open, r.Weighted, r.Ordered, r.Objective, VersusObjective(r));
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, n, n, sum, sum, sum, sum, sum, n);
        if (scope.RepId is not null) return;

        var reps = scope.Users.Where(u => u.TerritoryId != null).GroupBy(u => u.TerritoryId!.Value).ToDictionary(g => g.Key, g => g.Count());
        sheet.NextTable([
            new("Territory", 20), new("Reps", 18, XlsxStyle.Integer), new("Month of expected close", 10), new("Open deals", 7, XlsxStyle.Integer),
            new("Open amount", 15, XlsxStyle.Currency), new("Weighted amount", 15, XlsxStyle.Currency), new("Orders taken", 15, XlsxStyle.Currency),
            new("Objective", 15, XlsxStyle.Currency), new("Orders + weighted vs objective", 10, XlsxStyle.Percent)],
            $"Forecast {f.Year} per territory and month of expected close: its reps' deals and orders, the territory's own objective");
        foreach (var t in f.Territories)
            sheet.Row(t.Territory ?? "", t.TerritoryId is int id ? reps.GetValueOrDefault(id) : null, Month(f.Year, t.Month), t.OpenDeals, t.Open,
                t.Weighted, t.Ordered, t.Objective, VersusObjective(t));
        sheet.TotalsRow("Total", n, n, n, sum, sum, sum, sum, sum, n);
    }

    private static string Month(int year, int? month) => month is int m ? $"{year}-{m:D2}" : "no date";

    private static double? VersusObjective(ForecastRow r) =>
        r.Objective is > 0 ? Math.Round((double)((r.Ordered + r.Weighted) / r.Objective.Value), 4) : null;
}

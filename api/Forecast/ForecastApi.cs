using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.Forecast;

public sealed record ForecastRow(int? RepId, string? Rep, int? TerritoryId, string? Territory, int? Month, decimal Open, decimal Weighted,
    decimal Ordered, decimal? Objective, int OpenDeals);

public sealed record ForecastReport(int Year, IReadOnlyList<ForecastRow> Reps, IReadOnlyList<ForecastRow> Territories);

// GET /api/forecast?year=2026[&territory=][&rep=]: per rep and per territory, per month of expected close — the open deals'
// amount, the weighted amount (amount × the stage's win probability), the orders taken that month (excluding VAT), and
// the objective's share of that month (an objective's revenue target spread over its period by days). Month null: open deals
// with no expected close date. A rep reads their own; a manager their territory (ReportScope).
public static class ForecastApi
{
    public static RouteGroupBuilder MapForecast(this RouteGroupBuilder api)
    {
        api.MapGet("/forecast", GetForecast).WithTags("Forecast");
        return api;
    }

    internal static async Task<Ok<ForecastReport>> GetForecast(CrmDbContext db, Caller caller, IConfiguration config, int? year, int? territory, int? rep)
    {
        var y = year ?? SalesClock.Today(config).Year;
        if (y is < 2000 or > 2100) throw CrmProblem.Invalid("year", "Give a year from 2000 to 2100.");
        var scope = await ReportScope.ResolveAsync(db, caller, territory, rep);
        return TypedResults.Ok(await BuildAsync(db, scope, y));
    }

    // The one computation of the forecast: the JSON above and the workbook's Forecast sheet.
    internal static async Task<ForecastReport> BuildAsync(CrmDbContext db, ReportScope scope, int y)
    {
        var ids = scope.UserIds;
        var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1));
        // Decimal sums are done here, not in SQL: SQLite cannot aggregate decimals.
        var deals = await db.Deals.AsNoTracking()
            .Where(d => ids.Contains(d.OwnerId) && d.Stage!.Kind == StageKind.Open && (d.ExpectedClose == null || (d.ExpectedClose >= from && d.ExpectedClose < to)))
            .Select(d => new { d.OwnerId, Month = d.ExpectedClose == null ? (int?)null : d.ExpectedClose.Value.Month, d.Amount, d.Stage!.WinProbability })
            .ToListAsync();
        var orders = await db.Orders.AsNoTracking().Where(o => o.OwnerId != null && ids.Contains(o.OwnerId.Value) && o.OrderedOn >= from && o.OrderedOn < to)
            .Select(o => new { OwnerId = o.OwnerId!.Value, o.OrderedOn.Month, o.TotalExclVat }).ToListAsync();
        var territoryIds = scope.Users.Where(u => u.TerritoryId != null).Select(u => u.TerritoryId!.Value).Distinct().ToList();
        var objectives = await db.Objectives.AsNoTracking()
            .Where(o => o.PeriodStart < to && o.PeriodEnd >= from && ((o.UserId != null && ids.Contains(o.UserId.Value)) || (o.TerritoryId != null && territoryIds.Contains(o.TerritoryId.Value))))
            .ToListAsync();

        decimal? Objective(Func<Objective, bool> whose, int month)
        {
            var (start, end) = (new DateOnly(y, month, 1), new DateOnly(y, month, 1).AddMonths(1).AddDays(-1));
            var shares = objectives.Where(whose).Select(o =>
            {
                var days = o.PeriodEnd.DayNumber - o.PeriodStart.DayNumber + 1;
                var overlap = Math.Min(end.DayNumber, o.PeriodEnd.DayNumber) - Math.Max(start.DayNumber, o.PeriodStart.DayNumber) + 1;
                return overlap <= 0 || days <= 0 ? 0m : o.RevenueTarget * overlap / days;
            }).ToList();
            return shares.Count == 0 ? null : SalesMath.Cents(shares.Sum());
        }

        var months = new int?[] { null }.Concat(Enumerable.Range(1, 12).Select(m => (int?)m)).ToArray();
        // Deals and orders per (owner, month) once, not a pass over every deal for each rep and month (50 reps × 13 months × 13,000 deals).
        var dealsOf = deals.ToLookup(d => (d.OwnerId, d.Month));
        var ordersOf = orders.ToLookup(o => (o.OwnerId, (int?)o.Month));
        ForecastRow Row(int? repId, string? repName, int? tId, string? tName, int? month, IReadOnlyList<int> owners, Func<Objective, bool> whose)
        {
            var open = owners.SelectMany(id => dealsOf[(id, month)]).ToList();
            return new ForecastRow(repId, repName, tId, tName, month, open.Sum(d => d.Amount), SalesMath.Cents(open.Sum(d => d.Amount * d.WinProbability / 100m)),
                month is null ? 0 : owners.SelectMany(id => ordersOf[(id, month)]).Sum(o => o.TotalExclVat),
                month is int m ? Objective(whose, m) : null, open.Count);
        }

        var reps = scope.Users.SelectMany(u => months.Select(m => Row(u.Id, u.Name, u.TerritoryId, u.TerritoryName, m, [u.Id], o => o.UserId == u.Id)))
            .Where(r => r.Month is not null || r.OpenDeals > 0).ToList();
        var territories = scope.Users.Where(u => u.TerritoryId != null).GroupBy(u => (u.TerritoryId!.Value, u.TerritoryName))
            .SelectMany(g => months.Select(m => Row(null, null, g.Key.Value, g.Key.TerritoryName, m, g.Select(u => u.Id).Distinct().ToList(),
                o => o.TerritoryId == g.Key.Value)))
            .Where(r => r.Month is not null || r.OpenDeals > 0).ToList();
        return new ForecastReport(y, reps, territories);
    }
}

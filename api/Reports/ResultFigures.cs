using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record RepResults(int RepId, int Quotes, int Wins, decimal WonAmount);

// What the work produced. A quote counts when a deal first reaches the quote stage or any later non-lost
// stage (so a deal that skipped the quote stage still counts once); a win when a deal is closed in a Won stage.
public static class ResultFigures
{
    public static async Task<Dictionary<int, RepResults>> PerRepAsync(CrmDbContext db, ReportOptions options,
        IReadOnlyCollection<int> reps, ReportPeriod p)
    {
        var ids = reps.ToList();
        var quoteOrder = await QuoteOrderAsync(db, options);
        var (start, end) = (p.StartUtc, p.EndUtc);
        var quotes = await (
                from first in FirstReached(db, quoteOrder)
                join d in db.Deals on first.DealId equals d.Id
                where ids.Contains(d.OwnerId) && first.At >= start && first.At < end
                group d by d.OwnerId into g
                select new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N);
        // Amounts summed as double: SQLite has no decimal arithmetic; cents survive the round trip.
        var wins = await Won(db, ids, start, end).GroupBy(d => d.OwnerId)
            .Select(g => new { g.Key, N = g.Count(), Amount = g.Sum(d => (double)d.Amount) })
            .ToDictionaryAsync(x => x.Key);
        return reps.ToDictionary(r => r, r => new RepResults(r, quotes.GetValueOrDefault(r),
            wins.TryGetValue(r, out var w) ? w.N : 0, w is null ? 0 : Math.Round((decimal)w.Amount, 2)));
    }

    public static IQueryable<Deal> Won(CrmDbContext db, List<int> ids, DateTime startUtc, DateTime endUtc) =>
        db.Deals.AsNoTracking().Where(d => ids.Contains(d.OwnerId) && d.Stage!.Kind == StageKind.Won
            && (d.ClosedAt ?? d.StageEnteredAt) >= startUtc && (d.ClosedAt ?? d.StageEnteredAt) < endUtc);

    // For each deal, when it first entered a non-lost stage at or beyond the given order.
    public static IQueryable<FirstReach> FirstReached(CrmDbContext db, int order) =>
        from h in db.DealStageChanges
        join s in db.PipelineStages on h.ToStageId equals s.Id
        where s.Kind != StageKind.Lost && s.Order >= order
        group h.ChangedAt by h.DealId into g
        select new FirstReach { DealId = g.Key, At = g.Min() };

    public static async Task<int> QuoteOrderAsync(CrmDbContext db, ReportOptions options)
    {
        var stages = db.PipelineStages.AsNoTracking();
        var name = options.QuoteStage;
        var order = name is null ? null : await stages.Where(s => s.Name == name).Select(s => (int?)s.Order).FirstOrDefaultAsync();
        return order ?? await stages.Where(s => s.Kind == StageKind.Open).MaxAsync(s => (int?)s.Order) ?? int.MaxValue;
    }

    public sealed class FirstReach
    {
        public long DealId { get; init; }
        public DateTime At { get; init; }
    }
}

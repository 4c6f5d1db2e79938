using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record StageFigures(int StageId, string Stage, string Kind, int WinProbability, int? MaxDaysInStage,
    int OpenDeals, decimal Amount, decimal Weighted, int Reached, double? ConversionFromPrevious,
    double? AvgDaysInStage, double? AvgDaysSoFar);

// The pipeline by stage: open deals now (count, amount, weighted by the stage's win probability); of the deals
// created in the period, how many reached each stage (a deal that skipped a stage passed through it);
// and the average stay in each stage, for stays that ended in the period and for deals still there.
public static class PipelineFigures
{
    public static async Task<List<StageFigures>> PerStageAsync(CrmDbContext db, IReadOnlyCollection<int> reps, ReportPeriod p, DateTime nowUtc)
    {
        var ids = reps.ToList();
        var (start, end) = (p.StartUtc, p.EndUtc);
        var deals = db.Deals.AsNoTracking().Where(d => ids.Contains(d.OwnerId));
        var open = await deals.Where(d => d.Stage!.Kind == StageKind.Open).GroupBy(d => d.StageId)
            .Select(g => new { g.Key, N = g.Count(), Amount = g.Sum(d => (double)d.Amount),
                Weighted = g.Sum(d => (double)d.Amount * d.Stage!.WinProbability / 100.0) })
            .ToDictionaryAsync(x => x.Key);
        var stageList = await db.PipelineStages.AsNoTracking().OrderBy(s => s.Order)
            .Select(s => new { s.Id, s.Name, s.Kind, s.WinProbability, s.MaxDaysInStage, s.Order }).ToListAsync();
        // Each deal of the period's cohort with every stage it has been in (its own and its history's), counted per stage
        // here: as correlated EXISTS per stage and deal in SQL this was the pipeline sheet's slowest query.
        var cohort = deals.Where(d => d.CreatedAt >= start && d.CreatedAt < end);
        var current = await cohort.Select(d => new { d.Id, d.StageId }).ToListAsync();
        var history = await (from h in db.DealStageChanges join d in cohort on h.DealId equals d.Id select new { h.DealId, h.ToStageId }).ToListAsync();
        var before = history.ToLookup(h => h.DealId, h => h.ToStageId);
        var been = current.Select(d => before[d.Id].Append(d.StageId).ToHashSet()).ToList();
        var byId = stageList.ToDictionary(s => s.Id);
        // A deal reached a stage when it has been in it (Lost), or in any non-lost stage at or after it (it may have skipped some).
        var stages = stageList.Select(s => new
        {
            s.Id, s.Name, s.Kind, s.WinProbability, s.MaxDaysInStage,
            Reached = s.Kind == StageKind.Lost
                ? been.Count(b => b.Contains(s.Id))
                : been.Count(b => b.Any(id => byId.TryGetValue(id, out var t) && t.Kind != StageKind.Lost && t.Order >= s.Order)),
        }).ToList();
        var spans = from sp in Durations.StageSpans(db, nowUtc) join d in deals on sp.DealId equals d.Id select new { sp, d.StageId };
        var stayed = await spans.Where(x => x.sp.LeftAt >= start && x.sp.LeftAt < end).GroupBy(x => x.sp.StageId)
            .Select(g => new { g.Key, Days = g.Average(x => x.sp.Days) }).ToDictionaryAsync(x => x.Key, x => x.Days);
        // Days so far only for open stages: "days in Won" is not a stay anyone manages.
        var openIds = stages.Where(s => s.Kind == StageKind.Open).Select(s => s.Id).ToList();
        var staying = await spans.Where(x => x.sp.LeftAt == null && x.sp.StageId == x.StageId && openIds.Contains(x.StageId)).GroupBy(x => x.sp.StageId)
            .Select(g => new { g.Key, Days = g.Average(x => x.sp.Days) }).ToDictionaryAsync(x => x.Key, x => x.Days);

        var result = new List<StageFigures>();
        int? previous = null;
        foreach (var s in stages)
        {
            open.TryGetValue(s.Id, out var o);
            // Conversion follows the open stages in order up to Won; Lost has no "previous" stage.
            double? conversion = s.Kind != StageKind.Lost && previous is > 0 ? Math.Round((double)s.Reached / previous.Value, 4) : null;
            result.Add(new(s.Id, s.Name, s.Kind.ToString(), s.WinProbability, s.MaxDaysInStage, o?.N ?? 0,
                Money(o?.Amount), Money(o?.Weighted), s.Reached, conversion,
                stayed.TryGetValue(s.Id, out var a) ? Math.Round(a, 1) : null,
                staying.TryGetValue(s.Id, out var b) ? Math.Round(b, 1) : null));
            if (s.Kind != StageKind.Lost) previous = s.Reached;
        }
        return result;
    }

    // Open deals weighted by win probability, expected to close by the given day (or with no date), per rep.
    public static Task<Dictionary<int, double>> WeightedPerRepAsync(CrmDbContext db, IReadOnlyCollection<int> reps, DateOnly by)
    {
        var ids = reps.ToList();
        return db.Deals.AsNoTracking()
            .Where(d => ids.Contains(d.OwnerId) && d.Stage!.Kind == StageKind.Open && (d.ExpectedClose == null || d.ExpectedClose <= by))
            .GroupBy(d => d.OwnerId)
            .Select(g => new { g.Key, W = g.Sum(d => (double)d.Amount * d.Stage!.WinProbability / 100.0) })
            .ToDictionaryAsync(x => x.Key, x => x.W);
    }

    internal static decimal Money(double? value) => Math.Round((decimal)(value ?? 0), 2);
}

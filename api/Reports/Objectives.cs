using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record Target(decimal Revenue, double Visits);

// Objectives pro rata of the days they share with the period (a yearly objective read over a quarter
// counts a quarter of it), so "objective vs actual" compares like with like.
public static class Objectives
{
    public static async Task<(Dictionary<int, Target> Reps, Dictionary<int, Target> Territories)> ForAsync(
        CrmDbContext db, ReportPeriod p)
    {
        var (from, to) = (p.From, p.To);
        var rows = await db.Objectives.AsNoTracking().Where(o => o.PeriodStart <= to && o.PeriodEnd >= from)
            .Select(o => new { o.UserId, o.TerritoryId, o.PeriodStart, o.PeriodEnd, o.RevenueTarget, o.VisitsTarget })
            .ToListAsync();
        Dictionary<int, Target> reps = [], territories = [];
        foreach (var o in rows)
        {
            var shared = Math.Min(o.PeriodEnd.DayNumber, to.DayNumber) - Math.Max(o.PeriodStart.DayNumber, from.DayNumber) + 1;
            var share = (double)shared / (o.PeriodEnd.DayNumber - o.PeriodStart.DayNumber + 1);
            var target = new Target(Math.Round(o.RevenueTarget * (decimal)share, 2), (o.VisitsTarget ?? 0) * share);
            if (o.UserId is { } u) reps[u] = Add(reps.GetValueOrDefault(u), target);
            else if (o.TerritoryId is { } t) territories[t] = Add(territories.GetValueOrDefault(t), target);
        }
        return (reps, territories);
    }

    private static Target Add(Target? a, Target b) => a is null ? b : new(a.Revenue + b.Revenue, a.Visits + b.Visits);
}

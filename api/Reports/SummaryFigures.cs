using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

// The Summary and Territories figures: each rep (and territory) this period against the same dates last year,
// against the objective, with the potential of the rest of the year.
public static class SummaryFigures
{
    // work: the activity figures of p and p.LastYear when the caller has them already (the workbook), else counted here.
    public static async Task<SummaryReport> BuildAsync(CrmDbContext db, ReportOptions options, ReportScope scope, ReportPeriod p,
        ActivityFigures? work = null)
    {
        var ids = scope.UserIds;
        work ??= await ActivityFigures.CountAsync(db, options, scope.Users, [p, p.LastYear]);
        var thisPeriod = await WorkFigures.PerRepAsync(db, options, work[p], ids);
        var lastYear = await WorkFigures.PerRepAsync(db, options, work[p.LastYear], ids);
        var (repTargets, territoryTargets) = await Objectives.ForAsync(db, p);
        var year = new ReportPeriod(new DateOnly(p.To.Year, 1, 1), p.YearEnd, p.Zone);
        var (repYear, territoryYear) = await Objectives.ForAsync(db, year);
        var ytd = await ResultFigures.PerRepAsync(db, options, ids, p.YearToDate);
        var lastYtd = await ResultFigures.PerRepAsync(db, options, ids, p.YearToDate.LastYear);
        var weighted = await PipelineFigures.WeightedPerRepAsync(db, ids, p.YearEnd);
        var accounts = await db.Companies.AsNoTracking()
            .Where(c => c.DeletedAt == null && c.AccountManagerId != null && ids.Contains(c.AccountManagerId.Value))
            .GroupBy(c => c.AccountManagerId!.Value)
            .Select(g => new { g.Key, Ytd = g.Sum(c => (double)c.SalesYearToDate), Last = g.Sum(c => (double)c.SalesLastYear) })
            .ToDictionaryAsync(x => x.Key);

        var potentials = ids.ToDictionary(r => r, r => Project(p, ytd[r].WonAmount, lastYtd[r].WonAmount,
            PipelineFigures.Money(weighted.GetValueOrDefault(r)), repYear.GetValueOrDefault(r)?.Revenue ?? 0));
        var reps = scope.Users.Select(u =>
        {
            var target = repTargets.GetValueOrDefault(u.Id);
            accounts.TryGetValue(u.Id, out var acc);
            return new RepRow(u.Id, u.Name, u.TerritoryId, u.TerritoryName, thisPeriod[u.Id], lastYear[u.Id],
                target?.Revenue ?? 0, Math.Round(target?.Visits ?? 0, 1), Achieved(thisPeriod[u.Id].WonAmount, target?.Revenue),
                PipelineFigures.Money(acc?.Ytd), PipelineFigures.Money(acc?.Last), potentials[u.Id]);
        }).ToList();

        // A rep is not shown a territory row; in a manager's one-rep view (?rep=) it holds that rep only, and
        // then its objectives are the rep's own, never the whole territory's.
        if (!scope.Caller.IsManager) return new SummaryReport(Period(p), reps, []);
        var oneRep = scope.RepId is not null;
        var territoryNow = WorkFigures.PerTerritory(work[p], scope.Users, thisPeriod);
        var territoryLast = WorkFigures.PerTerritory(work[p.LastYear], scope.Users, lastYear);
        var territories = scope.Users.GroupBy(u => u.TerritoryId ?? 0).OrderBy(g => g.First().TerritoryName).Select(g =>
        {
            var members = g.Select(u => u.Id).ToList();
            // A territory's own objective when it has one, else the sum of its reps'.
            var target = (oneRep ? null : territoryTargets.GetValueOrDefault(g.Key)?.Revenue)
                ?? members.Sum(m => repTargets.GetValueOrDefault(m)?.Revenue ?? 0);
            var yearTarget = (oneRep ? null : territoryYear.GetValueOrDefault(g.Key)?.Revenue)
                ?? members.Sum(m => repYear.GetValueOrDefault(m)?.Revenue ?? 0);
            var potential = Project(p, members.Sum(m => ytd[m].WonAmount), members.Sum(m => lastYtd[m].WonAmount),
                members.Sum(m => potentials[m].WeightedPipeline), yearTarget);
            return new TerritoryRow(g.Key == 0 ? null : g.Key, g.First().TerritoryName ?? "(no territory)", members.Count,
                territoryNow[g.Key], territoryLast[g.Key], target, Achieved(territoryNow[g.Key].WonAmount, target), potential);
        }).ToList();

        return new SummaryReport(Period(p), reps, territories);
    }

    public static PeriodDto Period(ReportPeriod p) => new(p.From, p.To, p.Zone.Id, p.Days, p.LastYear.From, p.LastYear.To);

    // Run rate: won so far this year at the same pace for the whole year. Forecast: won so far plus the larger of
    // the weighted pipeline expected by year end and what the run rate brings in the days left.
    internal static Potential Project(ReportPeriod p, decimal wonYtd, decimal wonLastYtd, decimal weighted, decimal yearObjective)
    {
        var elapsed = p.YearToDate.Days;
        var yearDays = p.YearEnd.DayOfYear;
        var runRate = Math.Round(wonYtd * yearDays / elapsed, 2);
        var forecast = wonYtd + Math.Max(weighted, runRate - wonYtd);
        return new Potential(wonYtd, wonLastYtd, runRate, weighted, forecast, yearObjective, Achieved(forecast, yearObjective));
    }

    private static double? Achieved(decimal actual, decimal? target) =>
        target is > 0 ? Math.Round((double)(actual / target.Value), 4) : null;
}

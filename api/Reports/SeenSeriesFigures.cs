namespace OutlookCrm.Api.Reports;

// Distinct clients seen per rep in each ISO week (or month) of the period, beside the same ISO week (month) of
// last year, clipped to the same dates last year: 2026-W05 is compared with 2025-W05. Used by
// /api/reports/clients-seen and the workbook's "Clients per week" sheet.
public static class SeenSeriesFigures
{
    // work: the activity figures of period and period.LastYear when the caller has them already (the workbook).
    public static async Task<SeenSeries> BuildAsync(CrmDbContext db, ReportOptions options, ReportScope scope, ReportPeriod period,
        string granularity, ActivityFigures? work = null)
    {
        if (granularity is not ("week" or "month")) throw CrmProblem.Invalid("granularity", "'granularity' is 'week' or 'month'.");
        if ((granularity == "week" ? period.Weeks() : period.Months()).Count > 300)
            throw CrmProblem.Invalid("granularity", "Too many buckets: use months for periods over five years of weeks.");
        work ??= await ActivityFigures.CountAsync(db, options, scope.Users, [period, period.LastYear]);
        var (now, before) = (work[period], work[period.LastYear]);
        var (buckets, lastYear) = granularity == "week" ? (now.Weeks, before.Weeks) : (now.Months, before.Months);
        IReadOnlyList<int> Counts(PeriodActivity p, int rep) => granularity == "week" ? p.Reps.SeenPerWeek(rep) : p.Reps.SeenPerMonth(rep);
        // "2026-W05" → last year's "2025-W05"; a week 53 without a counterpart stays empty.
        var lastYearIndex = lastYear.Select((b, i) => (b.Label, i)).ToDictionary(x => x.Label, x => x.i);
        var matching = buckets.Select(b => lastYearIndex.TryGetValue(LastYearLabel(b.Label), out var i) ? i : (int?)null).ToList();
        var rows = scope.Users.Select(u =>
        {
            var (seen, seenBefore) = (Counts(now, u.Id), Counts(before, u.Id));
            return new SeenSeriesRow(u.Id, u.Name, seen.ToList(), matching.Select(i => i is { } j ? seenBefore[j] : (int?)null).ToList());
        }).ToList();
        return new SeenSeries(granularity, buckets.Select(b => b.Label).ToList(), buckets.Select(b => b.First).ToList(), rows);
    }

    private static string LastYearLabel(string label) => $"{int.Parse(label[..4], System.Globalization.CultureInfo.InvariantCulture) - 1}{label[4..]}";
}

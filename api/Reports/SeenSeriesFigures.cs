namespace OutlookCrm.Api.Reports;

// Distinct clients seen per rep in each ISO week (or month) of the period, beside the same ISO week (month) of
// last year, clipped to the same dates last year: 2026-W05 is compared with 2025-W05. Used by
// /api/reports/clients-seen and the workbook's "Clients per week" sheet.
public static class SeenSeriesFigures
{
    public static async Task<SeenSeries> BuildAsync(CrmDbContext db, ReportScope scope, ReportPeriod period, string granularity)
    {
        var (buckets, lastYear) = granularity switch
        {
            "week" => (period.Weeks(), period.LastYear.Weeks()),
            "month" => (period.Months(), period.LastYear.Months()),
            _ => throw CrmProblem.Invalid("granularity", "'granularity' is 'week' or 'month'."),
        };
        if (buckets.Count > 300) throw CrmProblem.Invalid("granularity", "Too many buckets: use months for periods over five years of weeks.");
        var now = await Counts(db, scope, period, buckets);
        var before = await Counts(db, scope, period.LastYear, lastYear);
        // "2026-W05" → last year's "2025-W05"; a week 53 without a counterpart stays empty.
        var lastYearIndex = lastYear.Select((b, i) => (b.Label, i)).ToDictionary(x => x.Label, x => x.i);
        var matching = buckets.Select(b => lastYearIndex.TryGetValue(LastYearLabel(b.Label), out var i) ? i : (int?)null).ToList();
        var rows = scope.Users.Select(u => new SeenSeriesRow(u.Id, u.Name,
            buckets.Select((_, i) => now.GetValueOrDefault((u.Id, i))).ToList(),
            matching.Select(i => i is { } j ? before.GetValueOrDefault((u.Id, j)) : (int?)null).ToList())).ToList();
        return new SeenSeries(granularity, buckets.Select(b => b.Label).ToList(), buckets.Select(b => b.First).ToList(), rows);
    }

    private static string LastYearLabel(string label) => $"{int.Parse(label[..4], System.Globalization.CultureInfo.InvariantCulture) - 1}{label[4..]}";

    private static async Task<Dictionary<(int Rep, int Bucket), int>> Counts(CrmDbContext db, ReportScope scope, ReportPeriod p,
        IReadOnlyList<Bucket> buckets)
    {
        var seen = await ActivityFigures.SeenPerBucketAsync(db, scope.UserIds, p, buckets, ActivityFigures.ByRep);
        return seen.ToDictionary(s => (s.Key, s.Bucket), s => s.Clients);
    }
}

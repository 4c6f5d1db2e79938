using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Reports;

// "Clients per week": distinct clients seen per rep in each ISO week of the period beside the same ISO week last
// year, one block of rows per rep (a table a pivot can read), with one line chart per rep beside it.
public static partial class PerformanceWorkbook
{
    private static void WeeklySheet(XlsxBook book, SeenSeries weekly, ReportPeriod period)
    {
        var weeks = weekly.Buckets.Count;
        var years = $"{period.To.Year} vs {period.LastYear.To.Year}";
        using var sheet = book.AddSheet("Clients per week", [
            new("Rep", 20), new("ISO week", 9), new("Week starts", 11, XlsxStyle.Date), new("Clients seen", 8, XlsxStyle.Integer),
            new("Clients seen LY", 8, XlsxStyle.Integer)],
            title: $"Clients seen per ISO week: {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}; LY = the same ISO week last year",
            charts: [.. weekly.Reps.Select((r, i) => new XlsxChart($"{r.Rep}: clients seen per ISO week, {years}", 1, [3, 4],
                XlsxChartKind.Line, XlsxChartPlace.Beside, FirstRow: i * weeks, Rows: weeks, WidthPx: 440, HeightPx: 250))]);
        foreach (var r in weekly.Reps)
            for (var w = 0; w < weeks; w++)
                sheet.Row(r.Rep, weekly.Buckets[w], weekly.BucketStarts[w], r.ClientsSeen[w], r.ClientsSeenLastYear[w]);
        sheet.TotalsRow("Total", XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.Sum, XlsxTotal.Sum);
    }
}

using System.Globalization;

namespace OutlookCrm.Api.Reports;

// A report period: whole local days [From, To] in the report zone, queried as the UTC range [StartUtc, EndUtc).
// Defined once here so weeks, months and "the same period last year" mean the same thing in every figure.
public sealed record ReportPeriod(DateOnly From, DateOnly To, TimeZoneInfo Zone)
{
    public DateTime StartUtc => Utc(From);
    public DateTime EndUtc => Utc(To.AddDays(1));
    public int Days => To.DayNumber - From.DayNumber + 1;

    // Same calendar dates one year earlier (29 February becomes the 28th).
    public ReportPeriod LastYear => new(From.AddYears(-1), To.AddYears(-1), Zone);

    // From 1 January of the period's last year up to its last day: the basis of year-to-date figures.
    public ReportPeriod YearToDate => new(new DateOnly(To.Year, 1, 1), To, Zone);

    public DateOnly YearEnd => new(To.Year, 12, 31);

    // Defaults: from 1 January of this year (in the report zone) to today.
    public static ReportPeriod Resolve(DateOnly? from, DateOnly? to, TimeZoneInfo zone, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, 1, 1);
        if (start > end) throw Errors.CrmProblem.Invalid("from", "'from' must be on or before 'to'.");
        if (end.DayNumber - start.DayNumber > 366 * 5)
            throw Errors.CrmProblem.Invalid("from", "A report period spans at most five years.");
        return new(start, end, zone);
    }

    // Local midnight of a day as UTC; where midnight does not exist (a DST gap at 00:00) the day starts an hour later.
    public DateTime Utc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    // ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday), clipped to the period.
    public IReadOnlyList<Bucket> Weeks()
    {
        var buckets = new List<Bucket>();
        var monday = From.AddDays(-(((int)From.DayOfWeek + 6) % 7));
        for (var d = monday; d <= To; d = d.AddDays(7))
        {
            var label = $"{ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)):00}";
            buckets.Add(Clip(label, d, d.AddDays(7)));
        }
        return buckets;
    }

    // Calendar months, clipped to the period.
    public IReadOnlyList<Bucket> Months()
    {
        var buckets = new List<Bucket>();
        for (var d = new DateOnly(From.Year, From.Month, 1); d <= To; d = d.AddMonths(1))
            buckets.Add(Clip($"{d:yyyy-MM}", d, d.AddMonths(1)));
        return buckets;
    }

    public static string IsoWeekLabel(DateTime local) => $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}";

    private Bucket Clip(string label, DateOnly start, DateOnly endExclusive)
    {
        var s = start < From ? From : start;
        var e = endExclusive > To.AddDays(1) ? To.AddDays(1) : endExclusive;
        return new(label, s, e.AddDays(-1), Utc(s), Utc(e));
    }
}

// One week or month of a period: local days [First, Last], UTC range [StartUtc, EndUtc).
public sealed record Bucket(string Label, DateOnly First, DateOnly Last, DateTime StartUtc, DateTime EndUtc);

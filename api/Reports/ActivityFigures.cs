using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record GroupActivity(int Key, int Activities, int Visits, int ClientsTouched, int ClientsSeen);

public sealed record RepEffort(int RepId, double ProspectingHours, double AppointmentHours, int Appointments);

// Work done with customers: done visits, calls, meetings and e-mails (tasks are internal), counted at their start in
// the report zone. A client is "seen" on a done visit or meeting. Figures are grouped by rep, or by the rep's territory
// (where a client seen by two reps counts once). Effort: prospecting minutes (calls, e-mails) and appointment minutes
// (visits, meetings), each activity's own length or its type's default (ReportOptions.MinutesOf).
//
// Counted in C# from ONE scan of the periods' done activities (the covering index IX_Activities_Report), for every
// period asked at once (this period and last year's): the grouped SQL scans it replaces read the activity index once
// per figure, grouping and period (16 times for a workbook).
public sealed class ActivityFigures
{
    private readonly Dictionary<ReportPeriod, PeriodActivity> periods;

    private ActivityFigures(Dictionary<ReportPeriod, PeriodActivity> periods) => this.periods = periods;

    public PeriodActivity this[ReportPeriod p] => periods[p];

    public static async Task<ActivityFigures> CountAsync(CrmDbContext db, ReportOptions options, IReadOnlyList<ScopeUser> reps,
        IEnumerable<ReportPeriod> periods, CancellationToken cancel = default)
    {
        var tallies = periods.Distinct().ToDictionary(p => p, p => new PeriodActivity(p, options));
        var territory = reps.ToDictionary(r => r.Id, r => r.TerritoryId ?? 0);
        if (tallies.Count == 0 || territory.Count == 0) return new(tallies);
        var all = tallies.Values.ToArray();
        var (start, end) = (all.Min(t => t.Period.StartUtc), all.Max(t => t.Period.EndUtc));
        await foreach (var a in Done(db, territory.Keys, start, end)
            .Select(a => new { a.OwnerId, a.CompanyId, a.Type, a.StartUtc, a.EndUtc }).AsAsyncEnumerable().WithCancellation(cancel))
            foreach (var t in all)
                t.Add(a.OwnerId, territory[a.OwnerId], a.CompanyId, a.Type, a.StartUtc, a.EndUtc);
        foreach (var t in all) t.Seal();
        return new(tallies);
    }

    public static IQueryable<Activity> Done(CrmDbContext db, IEnumerable<int> reps, DateTime startUtc, DateTime endUtc)
    {
        var ids = reps.ToList();
        return db.Activities.AsNoTracking().Where(a => a.DeletedAt == null && a.Status == ActivityStatus.Done
            && a.Type != ActivityType.Task && ids.Contains(a.OwnerId) && a.StartUtc >= startUtc && a.StartUtc < endUtc);
    }
}

// One period's figures, per rep (Reps) and per territory (Territories, key 0: no territory).
public sealed class PeriodActivity
{
    private readonly ReportOptions options;
    private readonly long[] weekEnds, monthEnds;

    internal PeriodActivity(ReportPeriod period, ReportOptions options)
    {
        (Period, this.options) = (period, options);
        (Weeks, Months) = (period.Weeks(), period.Months());
        (weekEnds, monthEnds) = (Weeks.Select(b => b.EndUtc.Ticks).ToArray(), Months.Select(b => b.EndUtc.Ticks).ToArray());
        Reps = new ActivityGroups(Weeks.Count, Months.Count);
        Territories = new ActivityGroups(Weeks.Count, Months.Count);
    }

    public ReportPeriod Period { get; }
    public IReadOnlyList<Bucket> Weeks { get; }
    public IReadOnlyList<Bucket> Months { get; }
    public ActivityGroups Reps { get; }
    public ActivityGroups Territories { get; }

    internal void Add(int rep, int territory, long company, ActivityType type, DateTime startUtc, DateTime? endUtc)
    {
        if (startUtc < Period.StartUtc || startUtc >= Period.EndUtc) return;
        var seen = type is ActivityType.Visit or ActivityType.Meeting;
        var (week, month) = seen ? (Index(weekEnds, startUtc), Index(monthEnds, startUtc)) : (-1, -1);
        var minutes = options.MinutesOf(type, startUtc, endUtc);
        Reps.Add(rep, company, type, week, month, minutes);
        Territories.Add(territory, company, type, week, month, minutes);
    }

    internal void Seal()
    {
        Reps.Seal();
        Territories.Seal();
    }

    // The bucket an instant of the period falls in: the first whose end is after it (bucket ends are in order).
    private static int Index(long[] ends, DateTime utc)
    {
        var (lo, hi) = (0, ends.Length - 1);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (ends[mid] > utc.Ticks) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}

// Counts per group key; the distinct (key, client) and (key, bucket, client) sets live only while counting.
public sealed class ActivityGroups(int weeks, int months)
{
    private sealed class Counts(int weeks, int months)
    {
        public int Activities, Visits, Touched, Seen, Appointments;
        public double ProspectingMinutes, AppointmentMinutes;
        public readonly int[] SeenPerWeek = new int[weeks], SeenPerMonth = new int[months];
    }

    private readonly Dictionary<int, Counts> counts = [];
    private HashSet<(int, long)>? touched = [], seen = [];
    private HashSet<(int, int, long)>? seenInWeek = [], seenInMonth = [];

    internal void Add(int key, long company, ActivityType type, int week, int month, double minutes)
    {
        if (!counts.TryGetValue(key, out var c)) counts.Add(key, c = new Counts(weeks, months));
        c.Activities++;
        if (type == ActivityType.Visit) c.Visits++;
        if (touched!.Add((key, company))) c.Touched++;
        if (type is ActivityType.Call or ActivityType.Email) c.ProspectingMinutes += minutes;
        if (type is not (ActivityType.Visit or ActivityType.Meeting)) return;
        c.AppointmentMinutes += minutes;
        c.Appointments++;
        if (seen!.Add((key, company))) c.Seen++;
        if (seenInWeek!.Add((key, week, company))) c.SeenPerWeek[week]++;
        if (seenInMonth!.Add((key, month, company))) c.SeenPerMonth[month]++;
    }

    internal void Seal() => (touched, seen, seenInWeek, seenInMonth) = (null, null, null, null);

    public GroupActivity Activity(int key) => counts.TryGetValue(key, out var c)
        ? new GroupActivity(key, c.Activities, c.Visits, c.Touched, c.Seen) : new GroupActivity(key, 0, 0, 0, 0);

    // Distinct clients seen in each ISO week (month) of the period.
    public IReadOnlyList<int> SeenPerWeek(int key) => counts.TryGetValue(key, out var c) ? c.SeenPerWeek : new int[weeks];
    public IReadOnlyList<int> SeenPerMonth(int key) => counts.TryGetValue(key, out var c) ? c.SeenPerMonth : new int[months];

    public RepEffort Effort(int key) => counts.TryGetValue(key, out var c)
        ? new RepEffort(key, Math.Round(c.ProspectingMinutes / 60, 2), Math.Round(c.AppointmentMinutes / 60, 2), c.Appointments)
        : new RepEffort(key, 0, 0, 0);
}

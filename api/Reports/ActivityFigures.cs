using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record GroupActivity(int Key, int Activities, int Visits, int ClientsTouched, int ClientsSeen);

public sealed record SeenInBucket(int Key, int Bucket, int Clients);

// Work done with customers: done visits, calls, meetings and e-mails (tasks are internal), counted at
// their start in the report zone. A client is "seen" on a done visit or meeting. Figures are grouped by
// a key: the rep (ByRep) or the rep's territory (ByTerritory, where a client seen by two reps counts once).
public static class ActivityFigures
{
    public static readonly Expression<Func<Activity, int>> ByRep = a => a.OwnerId;
    public static readonly Expression<Func<Activity, int>> ByTerritory = a => a.Owner!.TerritoryId ?? 0;

    public static IQueryable<Activity> Done(CrmDbContext db, IReadOnlyCollection<int> reps, DateTime startUtc, DateTime endUtc)
    {
        var ids = reps.ToList();
        return db.Activities.AsNoTracking().Where(a => a.DeletedAt == null && a.Status == ActivityStatus.Done
            && a.Type != ActivityType.Task && ids.Contains(a.OwnerId) && a.StartUtc >= startUtc && a.StartUtc < endUtc);
    }

    public static IQueryable<Activity> Seen(this IQueryable<Activity> done) =>
        done.Where(a => a.Type == ActivityType.Visit || a.Type == ActivityType.Meeting);

    // One pass: activities grouped per (group, client) in SQL, then per group, so counts, clients touched and
    // clients seen come from a single scan of the period's activities.
    public static async Task<Dictionary<int, GroupActivity>> PerGroupAsync(CrmDbContext db, IReadOnlyCollection<int> reps,
        ReportPeriod p, Expression<Func<Activity, int>> key)
    {
        var perClient = Done(db, reps, p.StartUtc, p.EndUtc).GroupBy(Pair(key)).Select(g => new
        {
            g.Key.Key,
            All = g.Count(),
            Visits = g.Count(a => a.Type == ActivityType.Visit),
            Seen = g.Count(a => a.Type == ActivityType.Visit || a.Type == ActivityType.Meeting),
        });
        return await perClient.GroupBy(x => x.Key)
            .Select(g => new GroupActivity(g.Key, g.Sum(x => x.All), g.Sum(x => x.Visits), g.Count(), g.Count(x => x.Seen > 0)))
            .ToDictionaryAsync(x => x.Key);
    }

    // Distinct clients seen per group in each bucket (ISO week or month of the period).
    public static async Task<List<SeenInBucket>> SeenPerBucketAsync(CrmDbContext db, IReadOnlyCollection<int> reps,
        ReportPeriod p, IReadOnlyList<Bucket> buckets, Expression<Func<Activity, int>> key)
    {
        if (buckets.Count == 0) return [];
        return await Done(db, reps, p.StartUtc, p.EndUtc).Seen().Select(InBucket(buckets, key)).Distinct()
            .GroupBy(x => new { x.Key, x.Bucket })
            .Select(g => new SeenInBucket(g.Key.Key, g.Key.Bucket, g.Count()))
            .ToListAsync();
    }

    private static Expression<Func<Activity, KeyCompany>> Pair(Expression<Func<Activity, int>> key)
    {
        var a = key.Parameters[0];
        return Expression.Lambda<Func<Activity, KeyCompany>>(Expression.MemberInit(Expression.New(typeof(KeyCompany)),
            Expression.Bind(typeof(KeyCompany).GetProperty(nameof(KeyCompany.Key))!, key.Body),
            Expression.Bind(typeof(KeyCompany).GetProperty(nameof(KeyCompany.CompanyId))!, Expression.Property(a, nameof(Activity.CompanyId)))), a);
    }

    // a => new KeyCompanyBucket { ..., Bucket = a.StartUtc < b1.End ? 0 : a.StartUtc < b2.End ? 1 : ... }:
    // a CASE in SQL, so buckets whose UTC bounds move with daylight saving are still counted in the database.
    private static Expression<Func<Activity, KeyCompanyBucket>> InBucket(IReadOnlyList<Bucket> buckets, Expression<Func<Activity, int>> key)
    {
        var a = key.Parameters[0];
        var start = Expression.Property(a, nameof(Activity.StartUtc));
        Expression index = Expression.Constant(buckets.Count - 1);
        for (var i = buckets.Count - 2; i >= 0; i--)
            index = Expression.Condition(Expression.LessThan(start, Expression.Constant(buckets[i].EndUtc)), Expression.Constant(i), index);
        var body = Expression.MemberInit(Expression.New(typeof(KeyCompanyBucket)),
            Expression.Bind(typeof(KeyCompanyBucket).GetProperty(nameof(KeyCompanyBucket.Key))!, key.Body),
            Expression.Bind(typeof(KeyCompanyBucket).GetProperty(nameof(KeyCompanyBucket.CompanyId))!, Expression.Property(a, nameof(Activity.CompanyId))),
            Expression.Bind(typeof(KeyCompanyBucket).GetProperty(nameof(KeyCompanyBucket.Bucket))!, index));
        return Expression.Lambda<Func<Activity, KeyCompanyBucket>>(body, a);
    }

    private sealed class KeyCompany
    {
        public int Key { get; init; }
        public long CompanyId { get; init; }
    }

    private sealed class KeyCompanyBucket
    {
        public int Key { get; init; }
        public long CompanyId { get; init; }
        public int Bucket { get; init; }
    }
}

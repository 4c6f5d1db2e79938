using System.Linq.Expressions;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

// Assembles one group's RepFigures (a rep, or a territory) for one period from the figure queries.
// Ratios are null when their denominator is zero: "no quote" is not "infinite activities per quote".
public static class WorkFigures
{
    public static async Task<Dictionary<int, RepFigures>> PerRepAsync(CrmDbContext db, ReportOptions options,
        IReadOnlyCollection<int> reps, ReportPeriod p)
    {
        var activity = await ActivityFigures.PerGroupAsync(db, reps, p, ActivityFigures.ByRep);
        var (weeks, months) = await SeenAsync(db, reps, p, ActivityFigures.ByRep);
        var results = await ResultFigures.PerRepAsync(db, options, reps, p);
        var effort = await EffortFigures.PerRepAsync(db, options, reps, p);
        return reps.ToDictionary(r => r, r => Combine(p, activity.GetValueOrDefault(r), weeks.GetValueOrDefault(r),
            months.GetValueOrDefault(r), results[r], effort[r]));
    }

    // Territory figures: work and results add up over its reps (from their figures of the same period);
    // distinct clients are counted once per territory, by their own queries.
    public static async Task<Dictionary<int, RepFigures>> PerTerritoryAsync(CrmDbContext db, IReadOnlyList<ScopeUser> reps,
        ReportPeriod p, IReadOnlyDictionary<int, RepFigures> repFigures)
    {
        var ids = reps.Select(r => r.Id).ToList();
        var activity = await ActivityFigures.PerGroupAsync(db, ids, p, ActivityFigures.ByTerritory);
        var (weeks, months) = await SeenAsync(db, ids, p, ActivityFigures.ByTerritory);
        return reps.GroupBy(r => r.TerritoryId ?? 0).ToDictionary(g => g.Key, g =>
        {
            var members = g.Select(r => repFigures[r.Id]).ToList();
            var result = new RepResults(g.Key, members.Sum(m => m.Quotes), members.Sum(m => m.Wins), members.Sum(m => m.WonAmount));
            var work = new RepEffort(g.Key, members.Sum(m => m.ProspectingHours), members.Sum(m => m.AppointmentHours),
                members.Sum(m => m.Appointments));
            return Combine(p, activity.GetValueOrDefault(g.Key), weeks.GetValueOrDefault(g.Key), months.GetValueOrDefault(g.Key), result, work);
        });
    }

    private static async Task<(Dictionary<int, int> Weeks, Dictionary<int, int> Months)> SeenAsync(CrmDbContext db,
        IReadOnlyCollection<int> reps, ReportPeriod p, Expression<Func<Activity, int>> key)
    {
        var weeks = await ActivityFigures.SeenPerBucketAsync(db, reps, p, p.Weeks(), key);
        var months = await ActivityFigures.SeenPerBucketAsync(db, reps, p, p.Months(), key);
        return (weeks.GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Clients)),
            months.GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Clients)));
    }

    // Clients seen per week: the distinct clients seen in each ISO week, summed, over the period's length in
    // weeks (days / 7); per month likewise over days / (365.25 / 12). Activities per client per year:
    // activities / distinct clients touched, scaled from the period's days to 365.
    private static RepFigures Combine(ReportPeriod p, GroupActivity? a, int seenWeekly, int seenMonthly, RepResults r, RepEffort e)
    {
        a ??= new GroupActivity(0, 0, 0, 0, 0);
        var hours = e.ProspectingHours + e.AppointmentHours;
        return new RepFigures(a.Activities, a.Visits, a.ClientsTouched, a.ClientsSeen,
            ClientsSeenPerWeek: Round(seenWeekly / (p.Days / 7.0)),
            ClientsSeenPerMonth: Round(seenMonthly / (p.Days / (365.25 / 12))),
            ActivitiesPerClientPerYear: a.ClientsTouched == 0 ? null : Round((double)a.Activities / a.ClientsTouched * 365 / p.Days),
            r.Quotes, r.Wins, r.WonAmount,
            ActivitiesPerQuote: Ratio(a.Activities, r.Quotes), ActivitiesPerWin: Ratio(a.Activities, r.Wins),
            e.ProspectingHours, e.AppointmentHours, e.Appointments,
            ProspectingHoursPerAppointment: Ratio(e.ProspectingHours, e.Appointments),
            HoursPerQuote: Ratio(hours, r.Quotes), HoursPerSignature: Ratio(hours, r.Wins));
    }

    private static double? Ratio(double x, int n) => n == 0 ? null : Round(x / n);

    private static double Round(double x) => Math.Round(x, 2);
}

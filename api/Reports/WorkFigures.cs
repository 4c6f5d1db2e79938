using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

// Assembles one group's RepFigures (a rep, or a territory) for one period from the figure queries.
// Ratios are null when their denominator is zero: "no quote" is not "infinite activities per quote".
public static class WorkFigures
{
    public static async Task<Dictionary<int, RepFigures>> PerRepAsync(CrmDbContext db, ReportOptions options, PeriodActivity work,
        IReadOnlyCollection<int> reps)
    {
        var results = await ResultFigures.PerRepAsync(db, options, reps, work.Period);
        return reps.ToDictionary(r => r, r => Combine(work.Period, work.Reps.Activity(r), work.Reps.SeenPerWeek(r).Sum(),
            work.Reps.SeenPerMonth(r).Sum(), results[r], work.Reps.Effort(r)));
    }

    // Territory figures: work and results add up over its reps (from their figures of the same period);
    // distinct clients are counted once per territory.
    public static Dictionary<int, RepFigures> PerTerritory(PeriodActivity work, IReadOnlyList<ScopeUser> reps,
        IReadOnlyDictionary<int, RepFigures> repFigures) =>
        reps.GroupBy(r => r.TerritoryId ?? 0).ToDictionary(g => g.Key, g =>
        {
            var members = g.Select(r => repFigures[r.Id]).ToList();
            var result = new RepResults(g.Key, members.Sum(m => m.Quotes), members.Sum(m => m.Wins), members.Sum(m => m.WonAmount));
            var effort = new RepEffort(g.Key, members.Sum(m => m.ProspectingHours), members.Sum(m => m.AppointmentHours),
                members.Sum(m => m.Appointments));
            return Combine(work.Period, work.Territories.Activity(g.Key), work.Territories.SeenPerWeek(g.Key).Sum(),
                work.Territories.SeenPerMonth(g.Key).Sum(), result, effort);
        });

    // Clients seen per week: the distinct clients seen in each ISO week, summed, over the period's length in
    // weeks (days / 7); per month likewise over days / (365.25 / 12). Activities per client per year:
    // activities / distinct clients touched, scaled from the period's days to 365.
    private static RepFigures Combine(ReportPeriod p, GroupActivity a, int seenWeekly, int seenMonthly, RepResults r, RepEffort e)
    {
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

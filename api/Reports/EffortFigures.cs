using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record RepEffort(int RepId, double ProspectingHours, double AppointmentHours, int Appointments);

// The sales-effort model's inputs: hours of prospecting (done calls and e-mails) and of appointments
// (done visits and meetings), from activity durations; ratios to quotes and signatures come from ResultFigures.
public static class EffortFigures
{
    public static async Task<Dictionary<int, RepEffort>> PerRepAsync(CrmDbContext db, ReportOptions options,
        IReadOnlyCollection<int> reps, ReportPeriod p)
    {
        var rows = await (
                from a in ActivityFigures.Done(db, reps, p.StartUtc, p.EndUtc)
                join m in Durations.Activities(db, options) on a.Id equals m.Id
                group new { a.Type, m.Minutes } by a.OwnerId into g
                select new
                {
                    g.Key,
                    Prospecting = g.Sum(x => x.Type == ActivityType.Call || x.Type == ActivityType.Email ? x.Minutes : 0),
                    Appointment = g.Sum(x => x.Type == ActivityType.Visit || x.Type == ActivityType.Meeting ? x.Minutes : 0),
                    Appointments = g.Count(x => x.Type == ActivityType.Visit || x.Type == ActivityType.Meeting),
                })
            .ToDictionaryAsync(x => x.Key);
        return reps.ToDictionary(r => r, r => rows.TryGetValue(r, out var x)
            ? new RepEffort(r, Math.Round(x.Prospecting / 60, 2), Math.Round(x.Appointment / 60, 2), x.Appointments)
            : new RepEffort(r, 0, 0, 0));
    }
}

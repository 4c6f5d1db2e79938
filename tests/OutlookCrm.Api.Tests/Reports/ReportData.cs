using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

// The small hand-built data set every report figure is checked against. Times are written as Paris wall-clock
// times (the report zone) and stored in UTC, as the API stores them.
//   P1 = 2025-12-22 .. 2026-01-11: three ISO weeks (2025-W52, 2026-W01 from Monday 29 December, 2026-W02), two months.
//   P2 = 2026-03-23 .. 2026-04-05: ISO weeks 13 and 14, across the switch to summer time on Sunday 29 March.
public sealed class ReportData
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public required Company C1, C2, C3, C4, C5, C6, Alerted, Quiet, Fresh;
    public required Deal D1, D2, D3, StuckDeal, QuietDeal, FreshDeal;
    public required string AlertedContactEmail;

    public static DateTime Local(int y, int mo, int d, int h, int mi) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Unspecified), Paris);

    public static ReportData Seed(CrmApp app, SalesTeam team) => app.WithDb(db =>
    {
        var stages = db.PipelineStages.ToDictionary(s => s.Name, s => s.Id);
        Company Client(string name, User manager, Territory t) => new()
        {
            Name = name, Status = CompanyStatus.Client, AccountManagerId = manager.Id, TerritoryId = t.Id, City = "Lille",
            SalesLastYear = 1000m, CreatedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), UpdatedAt = DateTime.UtcNow, Version = 1,
        };
        var (north, south) = (team.North, team.South);
        var data = new ReportData
        {
            C1 = Client("R-C1", team.RepA, north), C2 = Client("R-C2", team.RepA, north), C3 = Client("R-C3", team.RepA, north),
            C4 = Client("R-C4", team.RepB, north), C5 = Client("R-C5 untouched", team.RepA, north), C6 = Client("R-C6", team.RepSouth, south),
            Alerted = Client("R-Alerted", team.RepSouth, south), Quiet = Client("R-Quiet", team.RepSouth, south),
            Fresh = Client("R-Fresh", team.RepSouth, south),
            D1 = null!, D2 = null!, D3 = null!, StuckDeal = null!, QuietDeal = null!, FreshDeal = null!,
            AlertedContactEmail = "buyer@r-alerted.example",
        };
        db.Companies.AddRange(data.C1, data.C2, data.C3, data.C4, data.C5, data.C6, data.Alerted, data.Quiet, data.Fresh);
        db.SaveChanges();
        db.Contacts.Add(new Contact { CompanyId = data.Alerted.Id, LastName = "Buyer", Email = data.AlertedContactEmail,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1 });

        void Act(User owner, Company c, ActivityType type, DateTime start, int? minutes, ActivityStatus status = ActivityStatus.Done, bool deleted = false) =>
            db.Activities.Add(new Activity
            {
                Type = type, Subject = $"{type} {c.Name}", StartUtc = start, EndUtc = minutes is { } m ? start.AddMinutes(m) : null,
                TimeZone = "Europe/Paris", CompanyId = c.Id, OwnerId = owner.Id, Status = status, CreatedAt = start, UpdatedAt = start,
                DeletedAt = deleted ? start : null, Version = 1,
            });

        // P1, rep A
        Act(team.RepA, data.C2, ActivityType.Visit, Local(2025, 12, 22, 0, 30), 60);   // first minutes of the period (21 Dec 23:30 UTC)
        Act(team.RepA, data.C1, ActivityType.Visit, Local(2025, 12, 23, 10, 0), 90);
        Act(team.RepA, data.C2, ActivityType.Visit, Local(2026, 1, 1, 0, 30), null);   // 31 Dec 23:30 UTC, January in Paris; no end time
        Act(team.RepA, data.C1, ActivityType.Meeting, Local(2026, 1, 2, 9, 0), 60);
        Act(team.RepA, data.C3, ActivityType.Call, Local(2026, 1, 6, 14, 0), 50);
        Act(team.RepA, data.C3, ActivityType.Email, Local(2026, 1, 7, 11, 0), null);    // default 10 minutes
        Act(team.RepA, data.C3, ActivityType.Visit, Local(2026, 1, 8, 9, 0), 60, ActivityStatus.Planned);
        Act(team.RepA, data.C1, ActivityType.Task, Local(2026, 1, 8, 15, 0), 30);
        Act(team.RepA, data.C2, ActivityType.Visit, Local(2026, 1, 9, 9, 0), 60, deleted: true);
        Act(team.RepA, data.C1, ActivityType.Visit, Local(2026, 1, 12, 0, 30), 60);    // 11 Jan 23:30 UTC: after the period in Paris
        Act(team.RepA, data.C5, ActivityType.Visit, Local(2025, 11, 15, 10, 0), 60);   // C5's last contact, before P1
        // P1, rep B (C1 is rep A's client: the North territory has seen it once, not twice)
        Act(team.RepB, data.C4, ActivityType.Visit, Local(2026, 1, 5, 10, 0), 120);
        Act(team.RepB, data.C1, ActivityType.Visit, Local(2026, 1, 5, 15, 0), 60);
        // P1, South
        Act(team.RepSouth, data.C6, ActivityType.Call, Local(2026, 1, 6, 10, 0), 30);
        // P1 last year (2024-12-22 .. 2025-01-11)
        Act(team.RepA, data.C1, ActivityType.Visit, Local(2024, 12, 30, 10, 0), 60);
        // P2, rep B, across the daylight-saving change
        Act(team.RepB, data.C4, ActivityType.Visit, Local(2026, 3, 24, 10, 0), 60);
        Act(team.RepB, data.C4, ActivityType.Meeting, new DateTime(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc), 60); // 01:30 CET to 03:30 CEST
        Act(team.RepB, data.C1, ActivityType.Visit, new DateTime(2026, 3, 29, 22, 30, 0, DateTimeKind.Utc), 75);   // Monday 30 March 00:30 CEST
        Act(team.RepB, data.C4, ActivityType.Visit, Local(2026, 3, 31, 14, 0), 60);

        Deal NewDeal(User owner, Company c, string title, decimal amount, params (string Stage, DateTime At)[] path)
        {
            var last = path[^1];
            var kind = db.PipelineStages.Single(s => s.Name == last.Stage).Kind;
            var deal = new Deal
            {
                CompanyId = c.Id, Title = title, Amount = amount, OwnerId = owner.Id, CreatedAt = path[0].At, UpdatedAt = last.At,
                StageId = stages[last.Stage], StageEnteredAt = last.At, ClosedAt = kind == StageKind.Open ? null : last.At, Version = 1,
            };
            int? from = null;
            foreach (var (stage, at) in path)
            {
                deal.History.Add(new DealStageChange { FromStageId = from, ToStageId = stages[stage], ChangedAt = at, ChangedById = owner.Id });
                from = stages[stage];
            }
            db.Deals.Add(deal);
            return deal;
        }
        static DateTime Utc(int y, int mo, int d, int h = 10) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);
        // D1 skips Cold, Proposal requested, Negotiation and Verbal agreement on its way to Won.
        data.D1 = NewDeal(team.RepA, data.C1, "D1", 12_000.50m, ("To follow", Utc(2025, 12, 22)), ("Hot", Utc(2025, 12, 29)),
            ("Quote sent", Utc(2026, 1, 5)), ("Won", Utc(2026, 1, 9)));
        data.D2 = NewDeal(team.RepA, data.C2, "D2", 5_000m, ("To follow", Utc(2025, 12, 23)), ("Cold", Utc(2025, 12, 30)));
        data.D3 = NewDeal(team.RepA, data.C3, "D3", 7_000m, ("To follow", Utc(2026, 1, 2)), ("Lost", Utc(2026, 1, 7)));

        // Alerts, relative to now: stuck in Hot (max 30 days) for 100 days; quiet for 45 days; fresh.
        var now = DateTime.UtcNow;
        data.StuckDeal = NewDeal(team.RepSouth, data.Alerted, "Stuck", 9_000m, ("To follow", now.AddDays(-120)), ("Hot", now.AddDays(-100)));
        Act(team.RepSouth, data.Alerted, ActivityType.Call, now.AddDays(-2), 15);
        data.QuietDeal = NewDeal(team.RepSouth, data.Quiet, "Quiet", 3_000m, ("To follow", now.AddDays(-50)));
        data.QuietDeal.History[0].ChangedAt = data.QuietDeal.StageEnteredAt = now.AddDays(-10);
        // At noon in Paris 45 calendar days ago there: `now - 45 days` fell on the next local day late in the evening (UTC+1 now,
        // UTC+2 then), 44 days since by the alerts' definition (calendar days in the report zone).
        var parisToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Paris)).AddDays(-45);
        Act(team.RepSouth, data.Quiet, ActivityType.Visit, Local(parisToday.Year, parisToday.Month, parisToday.Day, 12, 0), 60);
        data.FreshDeal = NewDeal(team.RepSouth, data.Fresh, "Fresh", 1_000m, ("To follow", now.AddDays(-5)));

        db.Objectives.Add(new Objective { UserId = team.RepA.Id, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31),
            RevenueTarget = 365_000m, VisitsTarget = 365 });
        // The North's own objective (not the sum of its reps'), and rep B's, whose visits come to 4.52 over P1's 11 days.
        db.Objectives.Add(new Objective { TerritoryId = north.Id, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31),
            RevenueTarget = 730_000m });
        db.Objectives.Add(new Objective { UserId = team.RepB.Id, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31),
            RevenueTarget = 182_500m, VisitsTarget = 150 });
        db.SaveChanges();
        return data;
    });
}

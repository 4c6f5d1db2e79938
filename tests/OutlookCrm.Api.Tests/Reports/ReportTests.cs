using System.Collections.Concurrent;
using OutlookCrm.Api.Reports;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

// Base of the report suites: the hand-built data set is seeded once per API (per provider).
public abstract class ReportTest : ApiTest
{
    private static readonly ConcurrentDictionary<Type, Lazy<ReportData>> Seeded = new();

    protected ReportData Data => Seeded.GetOrAdd(GetType(), _ => new(() => ReportData.Seed(App, Team))).Value;

    protected const string P1 = "from=2025-12-22&to=2026-01-11", P2 = "from=2026-03-23&to=2026-04-05";

    protected async Task<SummaryReport> Summary(Data.User who, string query)
    {
        _ = Data;
        return await (await As(who).GetAsync($"/api/reports/summary?{query}")).Read<SummaryReport>();
    }

    protected async Task<SeenSeries> Seen(Data.User who, string query)
    {
        _ = Data;
        return await (await As(who).GetAsync($"/api/reports/clients-seen?{query}")).Read<SeenSeries>();
    }
}

public abstract class ReportFigureTests : ReportTest
{
    [TestMethod]
    public async Task ClientsSeenAreCountedPerIsoWeekAndPerMonthOfTheReportZone()
    {
        var a = (await Summary(Team.RepA, P1)).Reps.Single().ThisPeriod;

        // Done visits, meetings, calls, e-mails from 22 Dec 00:00 to 11 Jan 24:00 Paris time: not the planned visit,
        // the task, the deleted visit, nor the visit of 12 Jan 00:30 Paris (still 11 Jan in UTC).
        Assert.AreEqual(6, a.Activities);
        Assert.AreEqual(3, a.Visits);
        Assert.AreEqual(3, a.ClientsTouched);   // C1, C2, C3
        Assert.AreEqual(2, a.ClientsSeen);      // C1, C2 (C3 only had a call and an e-mail)
        // Weeks: W52 {C2, C1}, W01 {C2, C1}, W02 {} = 4 client-weeks over 21/7 weeks.
        Assert.AreEqual(Math.Round(4 / (21 / 7.0), 2), a.ClientsSeenPerWeek);
        // Months: December {C2, C1}, January {C2 on 1 Jan 00:30 Paris, C1} = 4 client-months over 21 / (365.25/12) months.
        Assert.AreEqual(Math.Round(4 / (21 / (365.25 / 12)), 2), a.ClientsSeenPerMonth);
        Assert.AreEqual(Math.Round(6.0 / 3 * 365 / 21, 2), a.ActivitiesPerClientPerYear);

        var weeks = await Seen(Team.RepA, P1 + "&granularity=week");
        CollectionAssert.AreEqual(new[] { "2025-W52", "2026-W01", "2026-W02" }, weeks.Buckets);
        CollectionAssert.AreEqual(new[] { 2, 2, 0 }, weeks.Reps.Single().ClientsSeen);
        var months = await Seen(Team.RepA, P1 + "&granularity=month");
        CollectionAssert.AreEqual(new[] { "2025-12", "2026-01" }, months.Buckets);
        CollectionAssert.AreEqual(new[] { 2, 2 }, months.Reps.Single().ClientsSeen);
    }

    [TestMethod]
    public async Task WeeksFollowTheSwitchToSummerTime()
    {
        // Monday 30 March 00:30 CEST is 29 March 22:30 UTC: it belongs to week 14, not week 13.
        var weeks = await Seen(Team.RepB, P2);
        CollectionAssert.AreEqual(new[] { "2026-W13", "2026-W14" }, weeks.Buckets);
        CollectionAssert.AreEqual(new[] { 1, 2 }, weeks.Reps.Single().ClientsSeen);
        // The meeting from 01:30 CET to 03:30 CEST lasted one hour: 60 + 60 + 75 + 60 minutes of appointments.
        var b = (await Summary(Team.RepB, P2)).Reps.Single().ThisPeriod;
        Assert.AreEqual(4, b.Appointments);
        Assert.AreEqual(255 / 60.0, b.AppointmentHours);
    }

    [TestMethod]
    public async Task TheEffortModelUsesDurationsAndDefaultsForActivitiesWithoutEndTime()
    {
        var a = (await Summary(Team.RepA, P1)).Reps.Single().ThisPeriod;

        Assert.AreEqual(1.0, a.ProspectingHours);     // call 50 min + e-mail without end time (default 10 min)
        Assert.AreEqual(4.5, a.AppointmentHours);     // 60 + 90 + visit without end time (default 60) + 60
        Assert.AreEqual(4, a.Appointments);
        Assert.AreEqual(0.25, a.ProspectingHoursPerAppointment);
        Assert.AreEqual(1, a.Quotes);                 // D1 reached "Quote sent" on 5 Jan
        Assert.AreEqual(1, a.Wins);
        Assert.AreEqual(12_000.50m, a.WonAmount);
        Assert.AreEqual(6.0, a.ActivitiesPerQuote);
        Assert.AreEqual(6.0, a.ActivitiesPerWin);
        Assert.AreEqual(5.5, a.HoursPerQuote);
        Assert.AreEqual(5.5, a.HoursPerSignature);
    }

    [TestMethod]
    public async Task LastYearIsTheSameDatesOneYearEarlier()
    {
        var report = await Summary(Team.RepA, P1);
        Assert.AreEqual(new DateOnly(2024, 12, 22), report.Period.LastYearFrom);
        Assert.AreEqual(new DateOnly(2025, 1, 11), report.Period.LastYearTo);
        var ly = report.Reps.Single().LastYear;
        Assert.AreEqual(1, ly.Activities);
        Assert.AreEqual(1, ly.ClientsSeen);
        Assert.IsNull(ly.ActivitiesPerQuote, "no quote last year: no ratio rather than a division by zero");
    }

    [TestMethod]
    public async Task ObjectivesAreProRataAndThePotentialProjectsTheYear()
    {
        var a = (await Summary(Team.RepA, P1)).Reps.Single();

        // The 2026 objective (365,000, 365 visits) shares 11 of its 365 days with the period.
        Assert.AreEqual(11_000m, a.ObjectiveRevenue);
        Assert.AreEqual(11.0, a.ObjectiveVisits);
        Assert.AreEqual(Math.Round(12_000.50 / 11_000, 4), a.ObjectiveAchieved);
        // Year to date = 1..11 January: D1's 12,000.50 at that pace over 365 days; the pipeline (D2, Cold 10%) is smaller.
        var runRate = Math.Round(12_000.50m * 365 / 11, 2);
        Assert.AreEqual(12_000.50m, a.Potential.WonYearToDate);
        Assert.AreEqual(runRate, a.Potential.RunRateYearEnd);
        Assert.AreEqual(500m, a.Potential.WeightedPipeline);
        Assert.AreEqual(runRate, a.Potential.YearEndForecast);
        Assert.AreEqual(365_000m, a.Potential.YearObjective);
        Assert.AreEqual(Math.Round((double)(runRate / 365_000m), 4), a.Potential.ForecastVsObjective);
    }

    [TestMethod]
    public async Task ATerritoryCountsAClientSeenByTwoRepsOnce()
    {
        var report = await Summary(Team.NorthManager, P1);

        CollectionAssert.AreEqual(new[] { "rep-a", "rep-b" }, report.Reps.Select(r => r.Rep).ToArray());
        Assert.AreEqual(2, report.Reps[1].ThisPeriod.ClientsSeen);       // rep B: C4 and rep A's C1
        var north = report.Territories.Single();
        Assert.AreEqual("North", north.Territory);
        Assert.AreEqual(3, north.ThisPeriod.ClientsSeen);               // C1, C2, C4: C1 once
        Assert.AreEqual(8, north.ThisPeriod.Activities);                // 6 + 2 add up
    }

    [TestMethod]
    public async Task ThePipelineCountsASkippedStageAsPassedThrough()
    {
        _ = Data;
        var report = await (await As(Team.RepA).GetAsync($"/api/reports/pipeline?{P1}")).Read<PipelineReport>();
        var s = report.Stages.ToDictionary(x => x.Stage);

        // Created in P1: D1 (To follow, Hot, Quote sent, Won), D2 (To follow, Cold), D3 (To follow, Lost).
        var reached = new[] { ("To follow", 3), ("Cold", 2), ("Hot", 1), ("Proposal requested", 1), ("Quote sent", 1),
            ("Negotiation", 1), ("Verbal agreement", 1), ("Won", 1), ("Lost", 1) };
        foreach (var (stage, n) in reached) Assert.AreEqual(n, s[stage].Reached, stage);
        Assert.AreEqual(Math.Round(2 / 3.0, 4), s["Cold"].ConversionFromPrevious);
        Assert.AreEqual(0.5, s["Hot"].ConversionFromPrevious);
        Assert.IsNull(s["Lost"].ConversionFromPrevious);
        // Stays ended in P1: To follow 7, 7 and 5 days; Hot 7; Quote sent 4.
        Assert.AreEqual(Math.Round(19 / 3.0, 1), s["To follow"].AvgDaysInStage);
        Assert.AreEqual(7.0, s["Hot"].AvgDaysInStage);
        Assert.AreEqual(4.0, s["Quote sent"].AvgDaysInStage);
        Assert.IsNull(s["Cold"].AvgDaysInStage, "D2 has not left Cold");
        Assert.IsNotNull(s["Cold"].AvgDaysSoFar);
        // Open today: D2 only.
        Assert.AreEqual(1, s["Cold"].OpenDeals);
        Assert.AreEqual(5_000m, report.OpenAmount);
        Assert.AreEqual(500m, report.Weighted);
    }

    [TestMethod]
    public async Task UntouchedClientsAreListedWithTheirLastContact()
    {
        _ = Data;
        var list = await (await As(Team.NorthManager).GetAsync($"/api/reports/untouched-clients?{P1}")).Read<List<UntouchedClient>>();

        var c5 = list.Single();
        Assert.AreEqual("R-C5 untouched", c5.Company);
        Assert.AreEqual("rep-a", c5.AccountManager);
        Assert.AreEqual(ReportData.Local(2025, 11, 15, 10, 0), c5.LastContactUtc);
    }
}

[TestClass] public sealed class ReportFiguresOnSqlite : ReportFigureTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ReportFiguresOnPostgreSql : ReportFigureTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

public abstract class ReportAccessTests : ReportTest
{
    [TestMethod]
    public async Task ARepReadsOnlyTheirOwnFigures()
    {
        var own = await Summary(Team.RepA, P1);
        CollectionAssert.AreEqual(new[] { "rep-a" }, own.Reps.Select(r => r.Rep).ToArray());

        var rep = As(Team.RepA);
        await (await rep.GetAsync($"/api/reports/summary?{P1}&rep={Team.RepB.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await rep.GetAsync($"/api/reports/pipeline?{P1}&territory={Team.South.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await rep.GetAsync($"/api/alerts?rep={Team.RepSouth.Id}")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [TestMethod]
    public async Task TheWorkbookIsRefusedToReps()
    {
        var problem = await (await As(Team.RepA).GetAsync($"/api/reports/performance.xlsx?{P1}")).AssertProblem(HttpStatusCode.Forbidden);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "managers");
    }

    [TestMethod]
    public async Task AManagerReadsTheirTerritoryAndAnAdminEveryone()
    {
        var north = As(Team.NorthManager);
        await (await north.GetAsync($"/api/reports/summary?{P1}&territory={Team.South.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await north.GetAsync($"/api/reports/summary?{P1}&rep={Team.RepSouth.Id}")).AssertProblem(HttpStatusCode.NotFound);
        var one = await Summary(Team.NorthManager, $"{P1}&rep={Team.RepB.Id}");
        CollectionAssert.AreEqual(new[] { "rep-b" }, one.Reps.Select(r => r.Rep).ToArray());

        var all = await Summary(Team.Admin, P1);
        CollectionAssert.AreEquivalent(new[] { "rep-a", "rep-b", "rep-south" }, all.Reps.Select(r => r.Rep).ToArray());
        CollectionAssert.AreEquivalent(new[] { "North", "South" }, all.Territories.Select(t => t.Territory).ToArray());
    }

    [TestMethod]
    public async Task MalformedReportParametersAreProblemDetails()
    {
        _ = Data;
        var manager = As(Team.NorthManager);
        foreach (var query in new[] { "from=2026-02-30", "from=01/02/2026", "from=2026-02-01&to=2026-01-01", "from=1000-01-01&to=2026-01-01",
                     "rep=abc", "rep=-3", "territory=1e3", "from=2010-01-01&to=2026-01-01" })
            await (await manager.GetAsync($"/api/reports/summary?{query}")).AssertProblem(HttpStatusCode.BadRequest);
        await (await manager.GetAsync($"/api/reports/clients-seen?{P1}&granularity=day")).AssertProblem(HttpStatusCode.BadRequest);
        await (await manager.GetAsync("/api/reports/performance.xlsx?to=yesterday")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task DealsStuckInAStageOrWithoutActivityRaiseAlertsForTheirOwnerAndManager()
    {
        var d = Data;
        var south = (await (await As(Team.RepSouth).GetAsync("/api/alerts")).Read<AlertsDto>()).Pipeline;
        CollectionAssert.AreEquivalent(new[] { $"{d.StuckDeal.Id} {AlertKinds.StageTooLong}", $"{d.QuietDeal.Id} {AlertKinds.NoActivity}" },
            south.Select(a => $"{a.DealId} {a.Kind}").ToArray(), "the fresh deal raises nothing");
        var stuck = south.Single(a => a.DealId == d.StuckDeal.Id);
        Assert.AreEqual(100, stuck.DaysInStage);
        Assert.AreEqual(30, stuck.MaxDaysInStage);
        Assert.AreEqual(45, south.Single(a => a.DealId == d.QuietDeal.Id).DaysWithoutActivity);

        // Rep A's D2 has sat in Cold (90 days at most) since 30 December 2025, untouched since 1 January 2026.
        var repA = (await (await As(Team.RepA).GetAsync("/api/alerts")).Read<AlertsDto>()).Pipeline;
        CollectionAssert.AreEquivalent(new[] { AlertKinds.StageTooLong, AlertKinds.NoActivity }, repA.Select(a => a.Kind).ToArray());
        Assert.IsTrue(repA.All(a => a.DealId == d.D2.Id));
        var northManager = (await (await As(Team.NorthManager).GetAsync("/api/alerts")).Read<AlertsDto>()).Pipeline;
        CollectionAssert.AreEquivalent(repA.Select(a => a.DealId).ToArray(), northManager.Select(a => a.DealId).ToArray());
        var southManager = (await (await As(Team.SouthManager).GetAsync("/api/alerts")).Read<AlertsDto>()).Pipeline;
        CollectionAssert.AreEquivalent(south.Select(a => a.DealId).ToArray(), southManager.Select(a => a.DealId).ToArray());
    }

    [TestMethod]
    public async Task TheLookupCardCarriesTheCompanysAlerts()
    {
        var d = Data;
        var card = (await (await As(Team.RepSouth).GetAsync($"/api/lookup?email={d.AlertedContactEmail}")).Read<List<LookupCard>>()).Single();

        var alert = card.Alerts.Single();
        Assert.AreEqual(AlertKinds.StageTooLong, alert.Kind);
        Assert.AreEqual(d.StuckDeal.Id, alert.DealId);
        StringAssert.Contains(alert.Message, "100 days");
    }
}

[TestClass] public sealed class ReportAccessOnSqlite : ReportAccessTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ReportAccessOnPostgreSql : ReportAccessTests { protected override Provider Provider => Provider.PostgreSql; }

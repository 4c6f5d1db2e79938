using System.Net;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Erp;
using OutlookCrm.Api.FollowUps;
using OutlookCrm.Api.Forecast;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

public abstract class FollowUpAndForecastTests : ApiTest
{
    [TestMethod]
    public async Task ARepsFollowUpsAreListedOverdueFirstAndCounted()
    {
        var rep = As(Team.RepB);
        var company = await NewCompany(rep, "Follow-up customer");
        var deal = await NewDeal(rep, company.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var later = await (await rep.Post("/api/followups", new { companyId = company.Id, dueOn = today.AddDays(10), reason = "Send the catalogue" })).Read<FollowUpDto>(HttpStatusCode.Created);
        var late = await (await rep.Post("/api/followups", new { companyId = company.Id, dealId = deal.Id, dueOn = today.AddDays(-5), reason = "Call back about the quote" })).Read<FollowUpDto>(HttpStatusCode.Created);
        Assert.IsTrue(late.Overdue);

        var list = await (await rep.GetAsync("/api/followups")).Read<FollowUpList>();
        CollectionAssert.AreEqual(new[] { late.Id, later.Id }, list.Items.Select(f => f.Id).ToArray());
        Assert.AreEqual(1, list.Overdue);

        var done = await (await rep.Send(HttpMethod.Post, $"/api/followups/{late.Id}/done", null, Tag(late.Version))).Read<FollowUpDto>();
        Assert.IsNotNull(done.DoneAt);
        Assert.AreEqual(0, (await (await rep.GetAsync("/api/followups")).Read<FollowUpList>()).Overdue);
        await (await rep.Put($"/api/followups/{later.Id}", new { companyId = company.Id, dueOn = today, reason = "x" }, Tag(later.Version + 1)))
            .AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await As(Team.RepSouth).GetAsync($"/api/followups/{later.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await As(Team.RepA).GetAsync($"/api/followups?rep={Team.RepB.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        var managers = await (await As(Team.NorthManager).GetAsync($"/api/followups?rep={Team.RepB.Id}")).Read<FollowUpList>();
        Assert.IsTrue(managers.Items.Any(f => f.Id == later.Id));
        await (await rep.Post("/api/followups", new { companyId = company.Id, dueOn = today, reason = "" })).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task FollowUpsShowOnTheCardAndOverdueOnesCountInTheAlerts()
    {
        var rep = As(Team.RepB);
        var company = await NewCompany(rep, "Card follow-up customer");
        var email = $"{SalesSetup.Unique("buyer")}@card-followup.example";
        await NewContact(rep, company.Id, "Buyer", email);
        var deal = await NewDeal(rep, company.Id, "Card deal");
        // "Today" is the date in Reports:TimeZone (Europe/Paris), as the API counts it.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
        async Task<FollowUpDto> Plan(int days, string reason, long? dealId = null) =>
            await (await rep.Post("/api/followups", new { companyId = company.Id, dealId, dueOn = today.AddDays(days), reason })).Read<FollowUpDto>(HttpStatusCode.Created);
        var later = await Plan(7, "Send the catalogue");
        var dueToday = await Plan(0, "Call the buyer");
        var late = await Plan(-3, "Chase the signed quote", deal.Id);
        var finished = await Plan(-10, "Already done");
        await (await rep.Send(HttpMethod.Post, $"/api/followups/{finished.Id}/done", null, Tag(finished.Version))).Read<FollowUpDto>();

        var card = (await (await rep.GetAsync($"/api/lookup?email={email}")).Read<List<LookupCard>>()).Single();
        CollectionAssert.AreEqual(new[] { late.Id, dueToday.Id, later.Id }, card.FollowUps!.Select(f => f.Id).ToArray(), "open ones, soonest first");
        CollectionAssert.AreEqual(new[] { true, false, false }, card.FollowUps!.Select(f => f.Overdue).ToArray());
        Assert.AreEqual(Team.RepB.DisplayName, card.FollowUps![0].OwnerName);
        var alert = card.Alerts.Single(a => a.Kind == AlertKinds.FollowUpOverdue);
        Assert.AreEqual(deal.Id, alert.DealId);
        Assert.AreEqual("3", alert.Params!["days"]!.ToString());
        Assert.AreEqual("Chase the signed quote", alert.Params!["reason"]!.ToString());

        var alerts = await (await rep.GetAsync("/api/alerts")).Read<AlertsDto>();
        var mine = alerts.FollowUps.Items.Where(f => f.CompanyId == company.Id).ToList();
        CollectionAssert.AreEqual(new[] { late.Id, dueToday.Id }, mine.Select(f => f.Id).ToArray(), "due today or overdue, overdue first; not later, not done");
        Assert.AreEqual(alerts.FollowUps.Items.Count(f => f.Overdue), alerts.FollowUps.Overdue);
        Assert.AreEqual(alerts.FollowUps.Items.Count(f => f.DueOn == today), alerts.FollowUps.DueToday);
        Assert.IsTrue(alerts.FollowUps.Overdue >= 1 && alerts.FollowUps.DueToday >= 1);
        var manager = await (await As(Team.NorthManager).GetAsync($"/api/alerts?rep={Team.RepB.Id}")).Read<AlertsDto>();
        Assert.IsTrue(manager.FollowUps.Items.Any(f => f.Id == late.Id), "the rep's manager sees them");
        var other = await (await As(Team.RepSouth).GetAsync("/api/alerts")).Read<AlertsDto>();
        Assert.IsFalse(other.FollowUps.Items.Any(f => f.CompanyId == company.Id), "another rep does not");
    }

    [TestMethod]
    public async Task TheForecastGivesOpenWeightedOrderedAndObjectivePerMonth()
    {
        var year = DateTime.UtcNow.Year + 1;
        var manager = As(Team.RepSouth);
        var company = await NewCompany(manager, "Forecast customer", Team.RepSouth);
        var deal = await (await manager.Post("/api/deals", new { companyId = company.Id, title = "Big", amount = 10000, expectedClose = $"{year}-05-20", ownerId = Team.RepSouth.Id }))
            .Read<DealDto>(HttpStatusCode.Created);
        // "Hot" wins 30 % of the time.
        await (await manager.Send(HttpMethod.Post, $"/api/deals/{deal.Id}/stage", new { stageId = 3 }, Tag(deal.Version))).Read<DealDto>();
        var key = SalesSetup.Unique("FC");
        SalesSetup.SetExternalKey(App, company.Id, key);
        await (await App.SyncClientFor(null).PostAsync("/api/erp/feed", SalesSetup.Csv($"CompanyKey;OrderNumber;OrderDate;OrderAmount\n{key};{SalesSetup.Unique("F")};{year}-05-02;2500\n")))
            .Read<ErpFeedSummary>();
        App.WithDb(db =>
        {
            db.Objectives.Add(new Data.Objective { UserId = Team.RepSouth.Id, PeriodStart = new DateOnly(year, 1, 1), PeriodEnd = new DateOnly(year, 12, 31), RevenueTarget = 365000 });
            return db.SaveChanges();
        });

        var report = await (await As(Team.RepSouth).GetAsync($"/api/forecast?year={year}")).Read<ForecastReport>();
        var may = report.Reps.Single(r => r.Month == 5);
        Assert.AreEqual((10000m, 3000m, 2500m, 31000m, 1), (may.Open, may.Weighted, may.Ordered, may.Objective!.Value, may.OpenDeals));
        var territoryMay = report.Territories.Single(r => r.Month == 5);
        Assert.AreEqual((Team.South.Id, 10000m, 2500m), (territoryMay.TerritoryId!.Value, territoryMay.Open, territoryMay.Ordered));
        await (await As(Team.RepSouth).GetAsync($"/api/forecast?year={year}&rep={Team.RepA.Id}")).AssertProblem(HttpStatusCode.Forbidden);
    }
}

[TestClass] public sealed class FollowUpAndForecastOnSqlite : FollowUpAndForecastTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class FollowUpAndForecastOnPostgreSql : FollowUpAndForecastTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using OutlookCrm.Api.Commissions;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Erp;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

// Orders come from the ERP feed (dated in a past month) so that the month can be closed.
public abstract class CommissionTests : ApiTest
{
    private const int Year = 2025;

    private async Task<(long CompanyId, string Key)> Customer(User rep, string name)
    {
        var company = await NewCompany(As(Team.NorthManager), name, rep);
        var key = SalesSetup.Unique("COM");
        SalesSetup.SetExternalKey(App, company.Id, key);
        return (company.Id, key);
    }

    private async Task Orders(params (string Key, string Date, decimal Amount)[] orders)
    {
        var csv = "CompanyKey;OrderNumber;OrderDate;OrderAmount\n" + string.Concat(orders.Select(o => $"{o.Key};{SalesSetup.Unique("C")};{o.Date};{o.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n"));
        await (await App.SyncClientFor(null).PostAsync("/api/erp/feed", SalesSetup.Csv(csv))).Read<ErpFeedSummary>();
    }

    private async Task<CommissionRuleDto> Rule(object rule) =>
        await (await As(Team.Admin).Post("/api/commissions/rules", rule)).Read<CommissionRuleDto>(HttpStatusCode.Created);

    [TestMethod]
    public async Task TheRepsOwnRuleBeatsTheTerritorysAndTiersAndTheNewCustomerBonusApply()
    {
        var rep = Team.RepA;
        await Rule(new { territoryId = Team.North.Id, validFrom = $"{Year}-01-01", percent = 2 });
        await Rule(new { userId = rep.Id, validFrom = $"{Year}-03-01", validTo = $"{Year}-03-31", percent = 5, newCustomerBonus = 150,
            tiers = new[] { new { fromAmount = 10000, percent = 7.5 } } });
        var (_, fresh) = await Customer(rep, "Commission new customer");
        var (_, old) = await Customer(rep, "Commission old customer");
        await Orders((old, $"{Year}-01-10", 1000m), (fresh, $"{Year}-03-05", 6000.10m), (old, $"{Year}-03-20", 3999.90m), (old, $"{Year}-04-02", 500m));

        var march = await (await As(rep).GetAsync($"/api/commissions/statement?year={Year}&month=3")).Read<CommissionStatement>();
        Assert.AreEqual(10000m, march.OrderedAmount);
        // 10,000 reaches the 7.5 % tier: the whole base is paid at 7.5 %.
        Assert.AreEqual(750m, march.Commission);
        Assert.AreEqual(150m, march.Bonuses, "Only the customer whose first order ever is in March earns the bonus.");
        Assert.AreEqual(900m, march.Total);
        Assert.AreEqual(7.5m, march.Rules.Single().Percent);

        // January falls under the territory's 2 %: 1000 × 2 % = 20; the old customer's first order is here but the territory rule has no bonus.
        var january = await (await As(rep).GetAsync($"/api/commissions/statement?year={Year}&month=1")).Read<CommissionStatement>();
        Assert.AreEqual((20m, 0m), (january.Commission, january.Bonuses));
    }

    [TestMethod]
    public async Task AClosedMonthIsNeverRewrittenByARuleChange()
    {
        var rep = Team.RepB;
        var rule = await Rule(new { userId = rep.Id, validFrom = $"{Year}-06-01", percent = 3 });
        var (_, key) = await Customer(rep, "Commission closing");
        await Orders((key, $"{Year}-06-15", 2000m));
        var open = await (await As(rep).GetAsync($"/api/commissions/statement?year={Year}&month=6")).Read<CommissionStatement>();
        Assert.AreEqual((60m, false), (open.Commission, open.Closed));

        await (await As(rep).Post("/api/commissions/close", new { year = Year, month = 6, rep = rep.Id })).AssertProblem(HttpStatusCode.Forbidden);
        var closing = await (await As(Team.NorthManager).Post("/api/commissions/close", new { year = Year, month = 6, rep = rep.Id })).Read<CloseResult>();
        CollectionAssert.AreEqual(new[] { rep.Id }, closing.ClosedReps.ToArray());

        await (await As(Team.Admin).Put($"/api/commissions/rules/{rule.Id}", new { userId = rep.Id, validFrom = $"{Year}-06-01", percent = 10 }, Tag(rule.Version)))
            .Read<CommissionRuleDto>();
        await Orders((key, $"{Year}-06-20", 1000m));
        var closed = await (await As(rep).GetAsync($"/api/commissions/statement?year={Year}&month=6")).Read<CommissionStatement>();
        Assert.AreEqual((60m, 2000m, true), (closed.Commission, closed.OrderedAmount, closed.Closed));
        // An open month uses the rule as it is now.
        await Orders((key, $"{Year}-07-01", 1000m));
        var july = await (await As(rep).GetAsync($"/api/commissions/statement?year={Year}&month=7")).Read<CommissionStatement>();
        Assert.AreEqual(100m, july.Commission);
        var again = await (await As(Team.NorthManager).Post("/api/commissions/close", new { year = Year, month = 6, rep = rep.Id })).Read<CloseResult>();
        Assert.AreEqual((0, 1), (again.ClosedReps.Count, again.AlreadyClosed));
    }

    [TestMethod]
    public async Task ARepSeesOnlyTheirOwnStatement()
    {
        await (await As(Team.RepA).GetAsync($"/api/commissions/statement?year={Year}&month=1&rep={Team.RepB.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.SouthManager).GetAsync($"/api/commissions/statement?year={Year}&month=1&rep={Team.RepA.Id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.AreEqual(HttpStatusCode.OK, (await As(Team.NorthManager).GetAsync($"/api/commissions/statement?year={Year}&month=1&rep={Team.RepA.Id}")).StatusCode);
        await (await As(Team.NorthManager).Post("/api/commissions/rules", new { userId = Team.RepSouth.Id, validFrom = "2025-01-01", percent = 50 }))
            .AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.NorthManager).Post("/api/commissions/close", new { year = DateTime.UtcNow.Year + 1, month = 1 })).AssertProblem(HttpStatusCode.UnprocessableEntity);
    }
}

[TestClass] public sealed class CommissionsOnSqlite : CommissionTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class CommissionsOnPostgreSql : CommissionTests { protected override Provider Provider => Provider.PostgreSql; }

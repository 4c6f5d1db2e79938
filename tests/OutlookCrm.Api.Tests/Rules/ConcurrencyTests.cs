using System.Net;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

public abstract class ConcurrencyTests : ApiTest
{
    [TestMethod]
    public async Task AnUpdateBasedOnAStaleReadGets412AndLosesNothing()
    {
        var rep = As(Team.RepA);
        var created = await rep.Post("/api/companies", new { name = "Concurrency 1" });
        var etag = created.ETag();
        var company = await created.Read<CompanyDto>(HttpStatusCode.Created);

        var first = await rep.Patch($"/api/companies/{company.Id}", new { name = "Renamed by the rep", phone = "01" }, etag);
        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreNotEqual(etag, first.ETag());
        await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}", new { name = "Renamed by the manager" }, etag))
            .AssertProblem(HttpStatusCode.PreconditionFailed);

        var now = await (await rep.GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();
        Assert.AreEqual("Renamed by the rep", now.Name);
        Assert.AreEqual("01", now.Phone);
    }

    [TestMethod]
    public async Task OfManyConcurrentEditorsWithTheSameETagExactlyOneWins()
    {
        var rep = As(Team.RepA);
        var deal = await NewDeal(rep, (await NewCompany(rep, "Concurrency 2")).Id);

        var attempts = await Task.WhenAll(Enumerable.Range(2, 6).Select(stage =>
            As(Team.RepA).Send(HttpMethod.Post, $"/api/deals/{deal.Id}/stage", new { stageId = stage }, Tag(deal.Version))));

        Assert.AreEqual(1, attempts.Count(r => r.StatusCode == HttpStatusCode.OK),
            string.Join(",", attempts.Select(r => (int)r.StatusCode)));
        foreach (var lost in attempts.Where(r => r.StatusCode != HttpStatusCode.OK))
            await lost.AssertProblem(HttpStatusCode.PreconditionFailed);
        var history = await (await rep.GetAsync($"/api/deals/{deal.Id}/history")).Read<List<StageChangeDto>>();
        Assert.AreEqual(2, history.Count, "the creation and the one move that won");
    }

    [TestMethod]
    public async Task MovingADealKeepsItsStageHistory()
    {
        var rep = As(Team.RepA);
        var deal = await NewDeal(rep, (await NewCompany(rep, "Concurrency 3")).Id);
        var hot = await (await rep.Send(HttpMethod.Post, $"/api/deals/{deal.Id}/stage", new { stageId = 3 }, Tag(deal.Version))).Read<DealDto>();
        var won = await (await rep.Send(HttpMethod.Post, $"/api/deals/{deal.Id}/stage", new { stageId = 8 }, Tag(hot.Version))).Read<DealDto>();

        var history = await (await rep.GetAsync($"/api/deals/{deal.Id}/history")).Read<List<StageChangeDto>>();
        CollectionAssert.AreEqual(new[] { "To follow", "Hot", "Won" }, history.Select(h => h.ToStageName).ToArray());
        Assert.AreEqual("Hot", history[2].FromStageName);
        Assert.IsNotNull(won.ClosedAt);
        Assert.AreEqual(Data.StageKind.Won, won.StageKind);
    }
}

[TestClass] public sealed class ConcurrencyOnSqlite : ConcurrencyTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ConcurrencyOnPostgreSql : ConcurrencyTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Reference;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Pane;

// Stage names and definitions per language are data: an administrator rewrites them and every French caller sees
// the new words at once on this instance — stages list, pane start, the card's deals and its alerts.
public abstract class StageTextsTests : ApiTest
{
    private async Task<StageDto> Stage(string baseName) =>
        (await (await As(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>()).Single(s => s.Name == baseName);

    private Task<HttpResponseMessage> SetText(Data.User user, int stageId, string language, string name, string definition = "Rewritten.") =>
        As(user).Put($"/api/stages/{stageId}/texts/{language}", new { name, definition }, etag: null);

    [TestMethod]
    public async Task AnAdministratorRewritesAStagesFrenchAndFrenchCallersSeeItOnTheCardAndInItsAlerts()
    {
        var stage = await Stage("To follow");
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Stage words");
        var email = $"words-{Guid.NewGuid():N}@stage.example";
        await NewContact(rep, company.Id, "Words", email);
        var deal = await NewDeal(rep, company.Id, "Long wait");
        App.WithDb(db => db.Deals.Where(d => d.Id == deal.Id).ExecuteUpdate(s => s.SetProperty(d => d.StageEnteredAt, DateTime.UtcNow.AddDays(-100))));

        var saved = await (await SetText(Team.Admin, stage.Id, "fr", "Piste", "Un besoin possible, à recontacter.")).Read<StageTextDto>();

        Assert.AreEqual(new StageTextDto("fr", "Piste", "Un besoin possible, à recontacter."), saved);
        var fr = await (await French(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>();
        Assert.AreEqual(("Piste", "Un besoin possible, à recontacter."), (fr.Single(s => s.Id == stage.Id).Name, fr.Single(s => s.Id == stage.Id).Definition));
        var start = await (await French(Team.RepA).GetAsync($"/api/pane/start?email={email}")).Read<PaneStart>();
        Assert.AreEqual("Piste", start.Stages.Single(s => s.Id == stage.Id).Name);
        var card = start.Cards.Single();
        Assert.AreEqual("Piste", card.OpenDeals.Single().StageName);
        Assert.AreEqual("Piste", ((JsonElement)card.Alerts.Single(a => a.Kind == "StageTooLong").Params!["stage"]!).GetString());
        Assert.AreEqual("To follow", (await Stage("To follow")).Name, "English callers keep the base text");
        var texts = await (await rep.GetAsync($"/api/stages/{stage.Id}/texts")).Read<List<StageTextDto>>();
        CollectionAssert.AreEqual(new[] { "en", "fr" }, texts.Select(t => t.Language).ToArray());
    }

    [TestMethod]
    public async Task RenamingTheBaseTextKeepsTheFrenchAndRemovingTheFrenchShowsTheBase()
    {
        var stage = await Stage("Verbal agreement");
        await (await SetText(Team.Admin, stage.Id, "en", "Agreed orally", "Said yes, not signed.")).Read<StageTextDto>();
        Assert.AreEqual("Agreed orally", (await (await As(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>()).Single(s => s.Id == stage.Id).Name);
        Assert.AreEqual("Accord verbal", (await (await French(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>()).Single(s => s.Id == stage.Id).Name);

        Assert.AreEqual(HttpStatusCode.NoContent, (await As(Team.Admin).DeleteAsync($"/api/stages/{stage.Id}/texts/fr")).StatusCode);

        var fr = (await (await French(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>()).Single(s => s.Id == stage.Id);
        Assert.AreEqual(("Agreed orally", "Said yes, not signed."), (fr.Name, fr.Definition));
        await (await As(Team.Admin).DeleteAsync($"/api/stages/{stage.Id}/texts/en")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task OnlyAnAdministratorRewritesStageTextsAndBadRequestsSayWhy()
    {
        var cold = await Stage("Cold");
        await (await SetText(Team.RepA, cold.Id, "fr", "Tiède")).AssertProblem(HttpStatusCode.Forbidden);
        await (await SetText(Team.NorthManager, cold.Id, "fr", "Tiède")).AssertProblem(HttpStatusCode.Forbidden);
        await (await App.SyncClientFor(null).PutAsJsonAsync($"/api/stages/{cold.Id}/texts/fr", new { name = "Tiède", definition = "x" })).AssertProblem(HttpStatusCode.Forbidden);
        var language = await (await SetText(Team.Admin, cold.Id, "de", "Kalt")).AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(language.GetProperty("detail").GetString(), "en and fr");
        await (await SetText(Team.Admin, 99_999, "fr", "Nulle part")).AssertProblem(HttpStatusCode.NotFound);
        await (await SetText(Team.Admin, cold.Id, "fr", "")).AssertProblem(HttpStatusCode.BadRequest);
        await (await SetText(Team.Admin, cold.Id, "fr", new string('x', 101))).AssertProblem(HttpStatusCode.BadRequest);
        await (await SetText(Team.Admin, cold.Id, "fr", "Chaud")).AssertProblem(HttpStatusCode.Conflict);
        await (await SetText(Team.Admin, cold.Id, "en", "Hot")).AssertProblem(HttpStatusCode.Conflict);
        Assert.AreEqual("Froid", (await (await French(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>()).Single(s => s.Id == cold.Id).Name,
            "nothing refused was written");
    }
}

[TestClass] public sealed class StageTextsOnSqlite : StageTextsTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class StageTextsOnPostgreSql : StageTextsTests { protected override Provider Provider => Provider.PostgreSql; }

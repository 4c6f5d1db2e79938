using System.Text.Json;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// /api/pane/start answers in one request exactly what the pane used to ask in four.
public abstract class PaneStartTests : ApiTest
{
    private static async Task<JsonElement> Json(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, url + ": " + body);
        return JsonDocument.Parse(body).RootElement;
    }

    [TestMethod]
    public async Task PaneStartEqualsMeStagesLookupAndTheLinkedActivity()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await NewCompany(rep, $"Pane {unique}");
        await NewContact(rep, company.Id, "Known", $"known.{unique}@pane.example");
        await NewVisit(rep, company.Id, DateTimeOffset.UtcNow.AddDays(-1), new { status = "Done", note = "met" });
        await NewDeal(rep, company.Id, "Pane deal", 900);
        var mail = await (await rep.Post("/api/activities", new
        {
            type = "Email", subject = "Re: offer", startUtc = DateTimeOffset.UtcNow, companyId = company.Id, internetMessageId = $"<{unique}@pane>", status = "Done", note = "excerpt",
        })).Read<Activities.ActivityDto>(System.Net.HttpStatusCode.Created);
        var emails = $"email=KNOWN.{unique}@pane.example&email=nobody.{unique}@pane.example";
        var messageId = Uri.EscapeDataString($"<{unique}@pane>");

        var start = await Json(rep, $"/api/pane/start?{emails}&internetMessageId={messageId}");

        Assert.AreEqual((await Json(rep, "/api/me")).GetRawText(), start.GetProperty("me").GetRawText());
        Assert.AreEqual((await Json(rep, "/api/stages")).GetRawText(), start.GetProperty("stages").GetRawText());
        Assert.AreEqual((await Json(rep, $"/api/lookup?{emails}")).GetRawText(), start.GetProperty("cards").GetRawText());
        Assert.AreEqual((await Json(rep, $"/api/activities/by-outlook?internetMessageId={messageId}")).GetRawText(), start.GetProperty("linked").GetRawText());
        Assert.AreEqual(mail.Id, start.GetProperty("linked").GetProperty("id").GetInt64());
        Assert.AreEqual(1, start.GetProperty("cards").GetArrayLength());
    }

    [TestMethod]
    public async Task AnItemWithoutKnownPeopleOrLinkStillGivesUserAndStages()
    {
        var start = await Json(As(Team.RepB), "/api/pane/start?icalUid=not-linked-anywhere");
        Assert.AreEqual(Team.RepB.DisplayName, start.GetProperty("me").GetProperty("displayName").GetString());
        Assert.IsGreaterThan(3, start.GetProperty("stages").GetArrayLength());
        Assert.AreEqual(0, start.GetProperty("cards").GetArrayLength());
        Assert.AreEqual(JsonValueKind.Null, start.GetProperty("linked").ValueKind);
    }

    [TestMethod]
    public async Task PaneStartShowsNoCardOfAnotherRepsCustomerAndRefusesTooManyAddresses()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await NewCompany(As(Team.RepA), $"Private {unique}");
        await NewContact(As(Team.RepA), company.Id, "Hidden", $"hidden.{unique}@pane.example");

        var start = await Json(As(Team.RepSouth), $"/api/pane/start?email=hidden.{unique}@pane.example");
        Assert.AreEqual(0, start.GetProperty("cards").GetArrayLength());

        var many = string.Join("&", Enumerable.Range(0, 51).Select(i => $"email=a{i}@x.example"));
        await (await As(Team.RepA).GetAsync($"/api/pane/start?{many}")).AssertProblem(System.Net.HttpStatusCode.BadRequest);
    }
}

[TestClass] public sealed class PaneStartOnSqlite : PaneStartTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class PaneStartOnPostgreSql : PaneStartTests { protected override Provider Provider => Provider.PostgreSql; }

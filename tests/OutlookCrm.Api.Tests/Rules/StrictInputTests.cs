using System.Net;
using System.Text;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

// Issue 13 §2, §3, §5: nothing undefined is stored, nothing is reset by omission, nobody moves what is not theirs to move.
public abstract class StrictInputTests : ApiTest
{
    private static StringContent Raw(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private static async Task AssertNamesField(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.TryGetProperty("errors", out var errors), problem.ToString());
        Assert.IsTrue(errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
    }

    [TestMethod]
    public async Task UndefinedEnumNumbersAreRefusedAndNotStored()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Strict 1");
        await AssertNamesField(await rep.PostAsync("/api/companies", Raw("{\"name\": \"Strict 1b\", \"status\": 42}")), "status");
        await AssertNamesField(await rep.PostAsync("/api/companies", Raw("{\"name\": \"Strict 1c\", \"status\": 1}")), "status");
        await AssertNamesField(await rep.PostAsync("/api/activities",
            Raw($"{{\"type\": -1, \"subject\": \"s\", \"startUtc\": \"2026-01-01T10:00:00Z\", \"companyId\": {company.Id}}}")), "type");
        await AssertNamesField(await rep.PostAsync("/api/activities",
            Raw($"{{\"type\": \"Visit\", \"status\": 99, \"subject\": \"s\", \"startUtc\": \"2026-01-01T10:00:00Z\", \"companyId\": {company.Id}}}")), "status");
        await AssertNamesField(await rep.GetAsync("/api/companies?status=99"), "status");
        await AssertNamesField(await rep.GetAsync("/api/activities?status=7"), "status");
        Assert.AreEqual(0, App.WithDb(db => db.Companies.Count(c => c.Name.StartsWith("Strict 1") && c.Name != "Strict 1")));
    }

    [TestMethod]
    public async Task UnknownPropertiesAreRefusedNamingThem()
    {
        var rep = As(Team.RepA);
        await AssertNamesField(await rep.PostAsync("/api/companies", Raw("{\"name\": \"Strict 2\", \"stauts\": \"Client\"}")), "stauts");
        var company = await NewCompany(rep, "Strict 2");
        await AssertNamesField(await rep.Patch($"/api/companies/{company.Id}", new { citty = "Lille" }, Tag(company.Version)), "citty");
    }

    [TestMethod]
    public async Task LimitsOutsideTheirRangeAreRefusedNotClamped()
    {
        var rep = As(Team.RepA);
        foreach (var url in new[] { "/api/companies?limit=0", "/api/companies?limit=201", "/api/contacts?limit=-1", "/api/notes?limit=5000" })
            await AssertNamesField(await rep.GetAsync(url), "limit");
        var feed = App.SyncClientFor(Team.RepA);
        await AssertNamesField(await feed.GetAsync("/api/sync/companies?limit=1001"), "limit");
        Assert.AreEqual(HttpStatusCode.OK, (await rep.GetAsync("/api/companies?limit=200")).StatusCode);
    }

    [TestMethod]
    public async Task APutMissingAFieldIsRefusedAndResetsNothing()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Strict 3", status: Data.CompanyStatus.Lost);
        var patched = await (await rep.Patch($"/api/companies/{company.Id}", new { category = "B", city = "Lille", salesLastYear = 900m }, Tag(company.Version)))
            .Read<CompanyDto>();
        var problem = await (await rep.Put($"/api/companies/{company.Id}", new { name = "Only a name" }, Tag(patched.Version)))
            .AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.GetProperty("errors").ToString(), "status");
        var now = await (await rep.GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();
        Assert.AreEqual((Data.CompanyStatus.Lost, Data.CustomerCategory.B, "Lille", 900m, "Strict 3"), (now.Status, now.Category, now.City, now.SalesLastYear, now.Name));

        var full = new
        {
            name = "Strict 3 renamed", status = "Client", category = (string?)null, accountManagerId = Team.RepA.Id, territoryId = Team.North.Id,
            parentCompanyId = (long?)null, street = (string?)null, postalCode = (string?)null, city = "Lens", country = (string?)null,
            phone = (string?)null, website = (string?)null, salesYearToDate = 1m, salesLastYear = 2m, outstandingAmount = 3m,
            externalKey = (string?)null, productFamilies = Array.Empty<string>(), email = (string?)null,
        };
        var replaced = await (await rep.Put($"/api/companies/{company.Id}", full, Tag(now.Version))).Read<CompanyDto>();
        Assert.AreEqual(("Strict 3 renamed", Data.CompanyStatus.Client, (Data.CustomerCategory?)null, "Lens"), (replaced.Name, replaced.Status, replaced.Category, replaced.City));
    }

    [TestMethod]
    public async Task AMergePatchChangesOnlyWhatItNamesAndNullClears()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Strict 4", status: Data.CompanyStatus.Prospect);
        var first = await (await rep.Patch($"/api/companies/{company.Id}", new { city = "Arras", phone = "0321" }, Tag(company.Version))).Read<CompanyDto>();
        var second = await (await rep.Patch($"/api/companies/{company.Id}", new Dictionary<string, object?> { ["phone"] = null }, Tag(first.Version)))
            .Read<CompanyDto>();
        Assert.AreEqual(("Strict 4", Data.CompanyStatus.Prospect, "Arras", (string?)null), (second.Name, second.Status, second.City, second.Phone));
        await (await rep.Patch($"/api/companies/{company.Id}", new Dictionary<string, object?> { ["status"] = null }, Tag(second.Version)))
            .AssertProblem(HttpStatusCode.BadRequest);
        await (await rep.Patch($"/api/companies/{company.Id}", new { city = "x" }, etag: null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        await (await rep.Patch($"/api/companies/{company.Id}", new { city = "x" }, Tag(first.Version))).AssertProblem(HttpStatusCode.PreconditionFailed);
        var wrongType = new HttpRequestMessage(HttpMethod.Patch, $"/api/companies/{company.Id}") { Content = Raw("{\"city\": \"x\"}") };
        wrongType.Headers.TryAddWithoutValidation("If-Match", Tag(second.Version));
        await (await rep.SendAsync(wrongType)).AssertProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [TestMethod]
    public async Task EveryRecordKindTakesAMergePatch()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Strict 5");
        var contact = await NewContact(rep, company.Id, "Patchable", "patch@strict5.example");
        var k = await (await rep.Patch($"/api/contacts/{contact.Id}", new { jobTitle = "Buyer" }, Tag(contact.Version))).Read<Contacts.ContactDto>();
        Assert.AreEqual(("Buyer", "patch@strict5.example", "Patchable"), (k.JobTitle, k.Email, k.LastName));
        var visit = await NewVisit(rep, company.Id);
        var a = await (await rep.Patch($"/api/activities/{visit.Id}", new { location = "Site" }, Tag(visit.Version))).Read<Activities.ActivityDto>();
        Assert.AreEqual(("Site", visit.Subject, visit.StartUtc), (a.Location, a.Subject, a.StartUtc));
        await (await rep.Patch($"/api/activities/{visit.Id}", new { status = "Done" }, Tag(a.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        var deal = await NewDeal(rep, company.Id, "Patch deal", 100);
        var d = await (await rep.Patch($"/api/deals/{deal.Id}", new { amount = 250m }, Tag(deal.Version))).Read<Deals.DealDto>();
        Assert.AreEqual((250m, "Patch deal", deal.StageId), (d.Amount, d.Title, d.StageId));
        var note = await NewNote(rep, new { companyId = company.Id, text = "before" });
        var n = await (await rep.Patch($"/api/notes/{note.Id}", new { text = "after" }, Tag(note.Version))).Read<Notes.NoteDto>();
        Assert.AreEqual("after", n.Text);
    }

    [TestMethod]
    public async Task OnlyTheTerritorysManagerOrAnAdminMovesACompany()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Strict 6");
        var problem = await (await rep.Patch($"/api/companies/{company.Id}", new { territoryId = Team.South.Id }, Tag(company.Version)))
            .AssertProblem(HttpStatusCode.Forbidden);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "manager");
        await (await rep.Post("/api/companies", new { name = "Strict 6 south", territoryId = Team.South.Id })).AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}", new { territoryId = Team.South.Id }, Tag(company.Version)))
            .AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}", new { accountManagerId = Team.RepSouth.Id }, Tag(company.Version)))
            .AssertProblem(HttpStatusCode.Forbidden);
        var handed = await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}", new { accountManagerId = Team.RepB.Id }, Tag(company.Version)))
            .Read<CompanyDto>();
        Assert.AreEqual((Team.RepB.Id, Team.North.Id), (handed.AccountManagerId, handed.TerritoryId));
        var moved = await (await As(Team.Admin).Patch($"/api/companies/{company.Id}", new { accountManagerId = Team.RepSouth.Id }, Tag(handed.Version)))
            .Read<CompanyDto>();
        Assert.AreEqual((Team.RepSouth.Id, Team.South.Id), (moved.AccountManagerId, moved.TerritoryId));
    }
}

[TestClass] public sealed class StrictInputOnSqlite : StrictInputTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class StrictInputOnPostgreSql : StrictInputTests { protected override Provider Provider => Provider.PostgreSql; }

using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Pane;

// What the pane offers before creating a company for an unknown sender: companies of the caller's scope that
// share the address's domain (contacts or website), and likely duplicates by name and postcode.
public abstract class SuggestionTests : ApiTest
{
    private static async Task<CompanySuggestions> Suggest(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/companies/suggestions?{query}")).Read<CompanySuggestions>();

    [TestMethod]
    public async Task ACompanyWhoseContactsShareTheDomainIsSuggested()
    {
        var rep = As(Team.RepA);
        var domain = $"acme-{Guid.NewGuid():N}.fr";
        var acme = await NewCompany(rep, "Acme Industrie");
        await NewContact(rep, acme.Id, "Martin", $"p.martin@{domain}");
        await NewCompany(rep, "Unrelated");

        var found = await Suggest(rep, $"email=new.person@{domain.ToUpperInvariant()}");

        Assert.AreEqual(domain, found.Domain);
        Assert.AreEqual(acme.Id, found.Companies.Single().Id);
        Assert.AreEqual("domain", found.Companies[0].Reason);
    }

    [TestMethod]
    public async Task ACompanyWhoseWebsiteIsOnTheDomainIsSuggestedButNotALookAlikeHost()
    {
        var rep = As(Team.RepA);
        var domain = $"site-{Guid.NewGuid():N}.fr";
        var site = await NewCompany(rep, "Website owner");
        await (await rep.Patch($"/api/companies/{site.Id}", new { website = $"https://www.{domain}/contact" }, Tag(site.Version))).Read<CompanyDto>();
        var other = await NewCompany(rep, "Look-alike");
        await (await rep.Patch($"/api/companies/{other.Id}", new { website = $"not{domain}" }, Tag(other.Version))).Read<CompanyDto>();

        var found = await Suggest(rep, $"email=buyer@{domain}");

        Assert.AreEqual(site.Id, found.Companies.Single().Id);
        Assert.AreEqual("website", found.Companies[0].Reason);
    }

    [TestMethod]
    public async Task APersonalMailProviderSuggestsNothing()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Gmail users");
        await NewContact(rep, company.Id, "Perso", $"perso.{Guid.NewGuid():N}@gmail.com");

        var found = await Suggest(rep, $"email=another.{Guid.NewGuid():N}@gmail.com");

        Assert.AreEqual(0, found.Companies.Count);
    }

    [TestMethod]
    public async Task ALikelyDuplicateByNameAndPostcodeIsShownBeforeCreating()
    {
        var rep = As(Team.RepA);
        var word = $"Boulangerie{Guid.NewGuid():N}"[..20];
        var existing = await NewCompany(rep, $"{word} Martin SARL");
        await (await rep.Patch($"/api/companies/{existing.Id}", new { postalCode = "69002" }, Tag(existing.Version))).Read<CompanyDto>();

        var samePostcode = await Suggest(rep, $"name={Uri.EscapeDataString(word + " martin")}&postalCode=69002");
        var otherPostcode = await Suggest(rep, $"name={Uri.EscapeDataString(word + " martin")}&postalCode=13001");

        Assert.AreEqual(existing.Id, samePostcode.Companies.Single().Id);
        Assert.AreEqual("name", samePostcode.Companies[0].Reason);
        Assert.AreEqual(0, otherPostcode.Companies.Count);
    }

    [TestMethod]
    public async Task AskingWithoutAddressOrNameIsABadRequest()
    {
        await (await As(Team.RepA).GetAsync("/api/companies/suggestions")).AssertProblem(System.Net.HttpStatusCode.BadRequest);
        await (await As(Team.RepA).GetAsync("/api/companies/suggestions?email=not-an-address")).AssertProblem(System.Net.HttpStatusCode.BadRequest);
    }
}

[TestClass] public sealed class SuggestionOnSqlite : SuggestionTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class SuggestionOnPostgreSql : SuggestionTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using System.Net.Http.Headers;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Pane;

// No duplicate customer from the pane: an address already in the CRM is refused with 409 (the one documented
// exception to "outside your scope is 404"), and the message names nothing of the other record.
public abstract class KnownAddressTests : ApiTest
{
    [TestMethod]
    public async Task CreatingAContactWithAnAddressKnownInAnotherTerritoryIsRefusedWithANeutralConflict()
    {
        var north = As(Team.RepA);
        var secretName = $"Hidden Customer {Guid.NewGuid():N}";
        var theirs = await NewCompany(north, secretName);
        var email = $"buyer-{Guid.NewGuid():N}@known-address.example";
        var existing = await NewContact(north, theirs.Id, "Secretname", email);
        var south = As(Team.RepSouth);
        var mine = await NewCompany(south, "South newcomer");

        var response = await south.Post("/api/contacts", new { companyId = mine.Id, lastName = "Again", email = email.ToUpperInvariant() });
        var body = (await response.AssertProblem(HttpStatusCode.Conflict)).GetRawText();

        StringAssert.Contains(body, "already belongs to a customer");
        StringAssert.Contains(body, "\"code\":\"addressKnown\"");
        foreach (var secret in new[] { secretName, "Secretname", Team.RepA.DisplayName, $":{existing.Id}", $":{theirs.Id}", $" {theirs.Id}" })
            Assert.IsFalse(body.Contains(secret), $"the answer discloses {secret}: {body}");
        var list = await (await south.GetAsync($"/api/contacts?companyId={mine.Id}")).Read<Http.Page<ContactDto>>();
        Assert.AreEqual(0, list.Items.Count, "nothing was created");
    }

    [TestMethod]
    public async Task AnAddressKnownAsSomeonesSecondAddressIsRefusedToo()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Second address");
        var email = $"second-{Guid.NewGuid():N}@known-address.example";
        await rep.Post("/api/contacts", new { companyId = company.Id, lastName = "Two", email2 = email });

        await (await rep.Post("/api/contacts", new { companyId = company.Id, lastName = "Copy", email })).AssertProblem(HttpStatusCode.Conflict);
    }

    [TestMethod]
    public async Task ChangingAContactsAddressToAKnownOneIsRefusedButKeepingItsOwnIsFine()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Address change");
        var taken = await NewContact(rep, company.Id, "Taken", $"taken-{Guid.NewGuid():N}@known-address.example");
        var mover = await NewContact(rep, company.Id, "Mover", $"mover-{Guid.NewGuid():N}@known-address.example");

        await (await rep.Patch($"/api/contacts/{mover.Id}", new { email = taken.Email }, Tag(mover.Version)))
            .AssertProblem(HttpStatusCode.Conflict);
        var same = await (await rep.Patch($"/api/contacts/{mover.Id}", new { jobTitle = "Buyer", email = mover.Email }, Tag(mover.Version)))
            .Read<ContactDto>();
        Assert.AreEqual("Buyer", same.JobTitle);
    }

    [TestMethod]
    public async Task TheConflictIsWrittenInFrenchForAFrenchCaller()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Conflit en français");
        var email = $"fr-{Guid.NewGuid():N}@known-address.example";
        await NewContact(rep, company.Id, "Premier", email);
        var french = As(Team.RepA);
        french.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-FR"));

        var problem = await (await french.Post("/api/contacts", new { companyId = company.Id, lastName = "Second", email })).AssertProblem(HttpStatusCode.Conflict);

        Assert.AreEqual("Conflit", problem.GetProperty("title").GetString());
        StringAssert.StartsWith(problem.GetProperty("detail").GetString(), "Cette adresse e-mail appartient déjà à un client du CRM.");
    }

    [TestMethod]
    public async Task SuggestionsSayTheAddressIsKnownWithoutShowingACompanyOutsideTheScope()
    {
        var north = As(Team.RepA);
        var domain = $"north-{Guid.NewGuid():N}.example";
        var theirs = await NewCompany(north, "North only");
        await NewContact(north, theirs.Id, "Known", $"known@{domain}");

        var fromSouth = await (await As(Team.RepSouth).GetAsync($"/api/companies/suggestions?email=known@{domain}")).Read<CompanySuggestions>();
        var fromNorth = await (await north.GetAsync($"/api/companies/suggestions?email=someone.else@{domain}")).Read<CompanySuggestions>();

        Assert.IsTrue(fromSouth.AddressKnown);
        Assert.AreEqual(0, fromSouth.Companies.Count, "another territory's company is not suggested");
        Assert.IsFalse(fromNorth.AddressKnown);
        Assert.AreEqual(theirs.Id, fromNorth.Companies.Single().Id);
    }
}

[TestClass] public sealed class KnownAddressOnSqlite : KnownAddressTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class KnownAddressOnPostgreSql : KnownAddressTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

public abstract class VisibilityTests : ApiTest
{
    // Rep A's customer with a contact, an activity, a note and a deal: the records every endpoint must hide from rep B.
    private async Task<(CompanyDto Company, ContactDto Contact, long Activity, long Note, long Deal)> RepACustomer(string name)
    {
        var a = As(Team.RepA);
        var company = await NewCompany(a, name);
        var contact = await NewContact(a, company.Id, "Secret", $"{Guid.NewGuid():N}@customer.example");
        var visit = await NewVisit(a, company.Id);
        var note = await NewNote(a, new { companyId = company.Id, text = "private" });
        var deal = await NewDeal(a, company.Id);
        return (company, contact, visit.Id, note.Id, deal.Id);
    }

    [TestMethod]
    public async Task ARepCannotReadAnotherRepsCustomerThroughAnyEndpoint()
    {
        var x = await RepACustomer("Visibility 1");
        var b = As(Team.RepB);

        foreach (var url in new[] { $"/api/companies/{x.Company.Id}", $"/api/contacts/{x.Contact.Id}", $"/api/activities/{x.Activity}",
                     $"/api/notes/{x.Note}", $"/api/deals/{x.Deal}", $"/api/deals/{x.Deal}/history" })
            await (await b.GetAsync(url)).AssertProblem(HttpStatusCode.NotFound);

        Assert.IsFalse((await (await b.GetAsync("/api/companies?q=Visibility 1")).Read<Page<CompanyDto>>()).Items.Any());
        Assert.IsFalse((await (await b.GetAsync($"/api/contacts?q={x.Contact.Email}")).Read<Page<ContactDto>>()).Items.Any());
        Assert.AreEqual(0, (await (await b.GetAsync($"/api/lookup?email={x.Contact.Email}")).Read<List<LookupCard>>()).Count);
        Assert.IsFalse((await (await b.GetAsync($"/api/activities?companyId={x.Company.Id}")).Read<Page<Activities.ActivityDto>>()).Items.Any());
        Assert.IsFalse((await (await b.GetAsync($"/api/notes?companyId={x.Company.Id}")).Read<Page<Notes.NoteDto>>()).Items.Any());
        Assert.IsFalse((await (await b.GetAsync($"/api/deals?companyId={x.Company.Id}")).Read<Page<Deals.DealDto>>()).Items.Any());
    }

    [TestMethod]
    public async Task ARepCannotWriteOnAnotherRepsCustomer()
    {
        var x = await RepACustomer("Visibility 2");
        var b = As(Team.RepB);

        await (await b.Patch($"/api/companies/{x.Company.Id}", new { name = "hijack" }, Tag(x.Company.Version))).AssertProblem(HttpStatusCode.NotFound);
        await (await b.Post("/api/contacts", new { companyId = x.Company.Id, lastName = "Intruder" })).AssertProblem(HttpStatusCode.BadRequest);
        await (await b.Post("/api/notes", new { companyId = x.Company.Id, text = "x" })).AssertProblem(HttpStatusCode.BadRequest);
        await (await b.Send(HttpMethod.Post, $"/api/activities/{x.Activity}/close", new { note = "x" }, Tag(1))).AssertProblem(HttpStatusCode.NotFound);
        await (await b.Send(HttpMethod.Post, $"/api/deals/{x.Deal}/stage", new { stageId = 2 }, Tag(1))).AssertProblem(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task AManagerSeesTheirTerritoryButNotAnother()
    {
        var x = await RepACustomer("Visibility 3");

        await (await As(Team.NorthManager).GetAsync($"/api/companies/{x.Company.Id}")).Read<CompanyDto>();
        Assert.AreEqual(1, (await (await As(Team.NorthManager).GetAsync($"/api/lookup?email={x.Contact.Email}")).Read<List<LookupCard>>()).Count);
        await (await As(Team.SouthManager).GetAsync($"/api/companies/{x.Company.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await As(Team.Admin).GetAsync($"/api/companies/{x.Company.Id}")).Read<CompanyDto>();
    }

    // The card's statement carries the rule with the caller's facts as parameters (it is compiled once): for every
    // member of the team it shows exactly the companies the rule lets them open.
    [TestMethod]
    public async Task TheCardSeesWhatTheVisibilityRuleSees()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var companies = new List<(CompanyDto Company, string Email)>();
        foreach (var (owner, name, status) in new[] { (Team.RepA, "own", CompanyStatus.Client), (Team.RepB, "colleague", CompanyStatus.Client),
                     (Team.RepSouth, "south", CompanyStatus.Prospect), (Team.RepSouth, "south shared", CompanyStatus.Suspect) })
        {
            var company = await NewCompany(As(owner), $"Card rule {name} {unique}", status: status);
            var contact = await NewContact(As(owner), company.Id, "Rule", $"{name.Replace(' ', '.')}.{unique}@rule.example");
            companies.Add((company, contact.Email!));
        }
        var archived = await NewCompany(As(Team.RepA), $"Card rule archived {unique}");
        var gone = await NewContact(As(Team.RepA), archived.Id, "Rule", $"archived.{unique}@rule.example");
        Assert.AreEqual(HttpStatusCode.NoContent, (await As(Team.RepA).DeleteAsync($"/api/companies/{archived.Id}")).StatusCode);

        var query = string.Join("&", companies.Select(c => "email=" + c.Email).Append("email=" + gone.Email));
        foreach (var user in new[] { Team.RepA, Team.RepB, Team.RepSouth, Team.NorthManager, Team.SouthManager, Team.Admin })
        {
            var seen = new List<long>();
            foreach (var (company, _) in companies)
                if ((await As(user).GetAsync($"/api/companies/{company.Id}")).IsSuccessStatusCode) seen.Add(company.Id);
            var cards = await (await As(user).GetAsync($"/api/lookup?{query}")).Read<List<LookupCard>>();
            CollectionAssert.AreEqual(seen, cards.Select(c => c.Company.Id).ToList(), user.DisplayName);
        }
    }

    [TestMethod]
    public async Task ACompanyWhoseStatusIsVisibleToAllIsSeenByEveryRep()
    {
        var suspect = await NewCompany(As(Team.RepA), "Visibility 4 shared pool", status: CompanyStatus.Suspect);

        await (await As(Team.RepB).GetAsync($"/api/companies/{suspect.Id}")).Read<CompanyDto>();
        await (await As(Team.RepSouth).GetAsync($"/api/companies/{suspect.Id}")).Read<CompanyDto>();
    }

    [TestMethod]
    public async Task ARepCannotHandACompanyOverButAManagerCan()
    {
        var company = await NewCompany(As(Team.RepA), "Visibility 5");

        await (await As(Team.RepA).Patch($"/api/companies/{company.Id}", new { name = company.Name, status = "Client", accountManagerId = Team.RepB.Id },
            Tag(company.Version))).AssertProblem(HttpStatusCode.Forbidden);
        var moved = await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}",
            new { name = company.Name, status = "Client", accountManagerId = Team.RepB.Id }, Tag(company.Version))).Read<CompanyDto>();

        Assert.AreEqual(Team.RepB.Id, moved.AccountManagerId);
        await (await As(Team.RepA).GetAsync($"/api/companies/{company.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await As(Team.RepB).GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();
    }

    [TestMethod]
    public async Task ASignedInUserUnknownToTheCrmIsRefused()
    {
        var stranger = App.Authorized(Auth.DevSignInApi.UserToken(App.Auth, "oid-nobody", "Nobody", "nobody@test.example", TimeSpan.FromMinutes(5)));
        await (await stranger.GetAsync("/api/companies")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [TestMethod]
    public async Task ARepCannotReadTheSyncFeed()
    {
        await (await As(Team.RepA).GetAsync("/api/sync/companies")).AssertProblem(HttpStatusCode.Forbidden);
    }
}

[TestClass] public sealed class VisibilityOnSqlite : VisibilityTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class VisibilityOnPostgreSql : VisibilityTests { protected override Provider Provider => Provider.PostgreSql; }

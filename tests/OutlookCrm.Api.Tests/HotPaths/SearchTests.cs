using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Http;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// Search by name substring, e-mail and phone prefix, answered from the providers' search indexes.
public abstract class SearchTests : ApiTest
{
    private async Task<List<string>> Companies(HttpClient client, string q) =>
        (await (await client.GetAsync($"/api/companies?q={Uri.EscapeDataString(q)}&limit=100")).Read<Page<CompanyDto>>()).Items.Select(c => c.Name).ToList();

    private async Task<List<string>> Contacts(HttpClient client, string q) =>
        (await (await client.GetAsync($"/api/contacts?q={Uri.EscapeDataString(q)}&limit=100")).Read<Page<ContactDto>>()).Items.Select(c => c.LastName).ToList();

    private async Task<CompanyDto> Company(HttpClient rep, string name, string? phone = null)
    {
        var created = await NewCompany(rep, name);
        if (phone is null) return created;
        return await (await rep.Patch($"/api/companies/{created.Id}", new { phone }, Tag(created.Version))).Read<CompanyDto>();
    }

    [TestMethod]
    public async Task ACompanyIsFoundByAnyPartOfItsNameAndByTheStartOfItsPhoneNumber()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        await Company(rep, $"Menuiserie Quentel {unique}", "+33 2 98 44 10 10");

        CollectionAssert.Contains(await Companies(rep, $"QUENTEL {unique}"), $"Menuiserie Quentel {unique}");
        CollectionAssert.Contains(await Companies(rep, $"nuiserie quentel {unique[..4]}"), $"Menuiserie Quentel {unique}");
        CollectionAssert.Contains(await Companies(rep, unique[2..6]), $"Menuiserie Quentel {unique}");
        CollectionAssert.Contains(await Companies(rep, "+33 2 98 44 1"), $"Menuiserie Quentel {unique}");
        // A phone number is matched from its start, as typed: a fragment from the middle finds nothing.
        CollectionAssert.DoesNotContain(await Companies(rep, "98 44 10"), $"Menuiserie Quentel {unique}");
    }

    [TestMethod]
    public async Task ACompanyIsFoundByTheStartOfOneOfItsContactsAddresses()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await Company(rep, $"Garage Kerlann {unique}");
        await NewContact(rep, company.Id, "Kerlann", $"yves.{unique}@kerlann.example");

        CollectionAssert.AreEqual(new[] { company.Name }, await Companies(rep, $"yves.{unique}@ker"));
        CollectionAssert.AreEqual(new[] { company.Name }, await Companies(rep, $"YVES.{unique}"));
        Assert.IsEmpty(await Companies(rep, $"{unique}@kerlann"), "an address is matched from its start only");
    }

    [TestMethod]
    public async Task AContactIsFoundByPartOfANameAndByTheStartOfAnAddressOrNumber()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await Company(rep, $"Atelier {unique}");
        var contact = await (await rep.Post("/api/contacts", new
        {
            companyId = company.Id, lastName = $"Le Bihan{unique}", firstName = $"Gwen{unique}", email = $"gwen.{unique}@atelier.example",
            phone = $"+33 2 {unique[..4]}", mobile = $"+33 7 {unique[..4]}",
        })).Read<ContactDto>(System.Net.HttpStatusCode.Created);

        foreach (var q in new[] { $"bihan{unique[..3]}", $"LE BIHAN{unique}", $"wen{unique}", $"gwen.{unique}@", $"+33 2 {unique[..3]}", $"+33 7 {unique[..4]}" })
            CollectionAssert.AreEqual(new[] { contact.LastName }, await Contacts(rep, q), q);
        foreach (var q in new[] { $"{unique}@atelier", $"2 {unique[..4]}" })
            Assert.IsEmpty(await Contacts(rep, q), q);
    }

    [TestMethod]
    public async Task WildcardsInATermAreOrdinaryCharacters()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        await Company(rep, $"Cent%Pour{unique}");
        await Company(rep, $"Cent_Pour{unique}x");
        await Company(rep, $"CentXPour{unique}y");

        CollectionAssert.AreEqual(new[] { $"Cent%Pour{unique}" }, await Companies(rep, $"t%pour{unique}"));
        CollectionAssert.AreEqual(new[] { $"Cent_Pour{unique}x" }, await Companies(rep, $"t_pour{unique}"));
        Assert.IsEmpty(await Companies(rep, "%%%"));
    }

    [TestMethod]
    public async Task SearchKeepsUpWithRenamesAndNeverShowsAnotherRepsCustomers()
    {
        var repA = As(Team.RepA);
        var repB = As(Team.RepB);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await Company(repA, $"Boulangerie Avant{unique}", "+33 5 00 00 00 01");
        var contact = await NewContact(repA, company.Id, $"Tanguy{unique}", $"tanguy.{unique}@boulangerie.example");
        Assert.IsEmpty(await Companies(repB, unique), "rep B sees nothing of rep A's client");
        Assert.IsEmpty(await Contacts(repB, unique));
        Assert.IsEmpty(await Contacts(repB, $"tanguy.{unique}"));

        await (await repA.Patch($"/api/companies/{company.Id}", new { name = $"Boulangerie Apres{unique}", phone = "+33 5 11" }, Tag(company.Version))).Read<CompanyDto>();
        await (await repA.Patch($"/api/contacts/{contact.Id}", new { lastName = $"Morvan{unique}", email = $"morvan.{unique}@b.example" }, Tag(contact.Version))).Read<ContactDto>();

        Assert.IsEmpty(await Companies(repA, $"avant{unique}"));
        CollectionAssert.AreEqual(new[] { $"Boulangerie Apres{unique}" }, await Companies(repA, $"apres{unique}"));
        Assert.IsEmpty(await Companies(repA, "+33 5 00 00 00 0"), "the old number is gone from the index");
        Assert.IsEmpty(await Contacts(repA, $"tanguy{unique}"));
        CollectionAssert.AreEqual(new[] { $"Morvan{unique}" }, await Contacts(repA, $"morvan.{unique}"));
        Assert.IsEmpty(await Contacts(As(Team.RepSouth), $"morvan{unique}"));
        CollectionAssert.AreEqual(new[] { $"Morvan{unique}" }, await Contacts(As(Team.NorthManager), $"orvan{unique}"), "the territory's manager sees it");
    }

    // The indexed search gives exactly what a plain scan of the caller's visible rows gives.
    [TestMethod]
    public async Task IndexedSearchEqualsAScanOfTheVisibleRows()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 12; i++)
        {
            var c = await Company(rep, $"Scan{unique} {(i % 3 == 0 ? "Dupont" : "Durand")} {i}", $"+33 4 {i % 4} {i:D2}");
            await NewContact(rep, c.Id, i % 2 == 0 ? $"Dupuis{unique}" : $"Martin{unique}", $"p{i}.{unique}@scan.example");
        }
        var (companies, contacts) = App.WithDb(db => (db.Companies.AsNoTracking().ToList(), db.Contacts.AsNoTracking().ToList()));
        bool Visible(long companyId) => companies.Any(c => c.Id == companyId && c.DeletedAt == null && (c.AccountManagerId == Team.RepA.Id || c.Status == CompanyStatus.Suspect));
        foreach (var q in new[] { $"scan{unique} du", "dupont", "+33 4 1", "p1", $"p1.{unique}" })
        {
            var expectedCompanies = companies.Where(c => c.AccountManagerId == Team.RepA.Id || c.Status == CompanyStatus.Suspect)
                .Where(c => c.DeletedAt == null && (c.Name.ToLowerInvariant().Contains(q) || (c.Phone ?? "").StartsWith(q, StringComparison.Ordinal)
                    || contacts.Any(k => k.CompanyId == c.Id && ((k.Email ?? "").StartsWith(q, StringComparison.Ordinal) || (k.Email2 ?? "").StartsWith(q, StringComparison.Ordinal)))))
                .Select(c => c.Name).Order().ToList();
            Assert.IsNotEmpty(expectedCompanies, q);
            CollectionAssert.AreEqual(expectedCompanies, (await Companies(rep, q)).Order().ToList(), q);
        }
        foreach (var q in new[] { "pui", $"martin{unique}", "p1", $"p1.{unique}" })
        {
            var expectedContacts = contacts.Where(k => k.DeletedAt == null && Visible(k.CompanyId) && (k.LastName.ToLowerInvariant().Contains(q)
                    || (k.FirstName ?? "").ToLowerInvariant().Contains(q) || (k.Email ?? "").StartsWith(q, StringComparison.Ordinal)))
                .Select(k => k.LastName).Order().ToList();
            Assert.IsNotEmpty(expectedContacts, q);
            CollectionAssert.AreEqual(expectedContacts, (await Contacts(rep, q)).Order().ToList(), q);
        }
    }
}

[TestClass] public sealed class SearchOnSqlite : SearchTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class SearchOnPostgreSql : SearchTests { protected override Provider Provider => Provider.PostgreSql; }

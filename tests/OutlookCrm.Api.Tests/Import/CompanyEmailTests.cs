using System.Net;
using System.Text;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

// The company's general address (Company.Email, contact@ or info@): read, written by POST/PUT/PATCH, exported, imported.
public abstract class CompanyEmailTests : ApiTest
{
    [TestMethod]
    public async Task TheCompanyEmailIsWrittenByPostPatchAndPutAndRefusedWhenItIsNoAddress()
    {
        var manager = As(Team.NorthManager);
        var created = await (await manager.Post("/api/companies", new { name = "Courriel Société SA", status = "Client", email = " Contact@Courriel-Societe.fr " }))
            .Read<CompanyDto>(HttpStatusCode.Created);
        Assert.AreEqual("contact@courriel-societe.fr", created.Email, "stored as e-mails are: trimmed, lower case");

        var patched = await (await manager.Patch($"/api/companies/{created.Id}", new { email = "info@courriel-societe.fr" }, Tag(created.Version))).Read<CompanyDto>();
        Assert.AreEqual(("info@courriel-societe.fr", "Courriel Société SA", Data.CompanyStatus.Client), (patched.Email, patched.Name, patched.Status));
        var refused = await (await manager.Patch($"/api/companies/{created.Id}", new { email = "pas une adresse" }, Tag(patched.Version)))
            .AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(refused.GetProperty("errors").ToString(), "mail", StringComparison.OrdinalIgnoreCase);

        var full = new
        {
            name = "Courriel Société SA", status = "Client", category = (string?)null, accountManagerId = Team.NorthManager.Id, territoryId = Team.North.Id,
            parentCompanyId = (long?)null, street = (string?)null, postalCode = (string?)null, city = (string?)null, country = (string?)null,
            phone = (string?)null, website = (string?)null, salesYearToDate = 0m, salesLastYear = 0m, outstandingAmount = 0m,
            externalKey = (string?)null, productFamilies = Array.Empty<string>(),
        };
        var missing = await (await manager.Put($"/api/companies/{created.Id}", full, Tag(patched.Version))).AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(missing.GetProperty("errors").ToString().ToLowerInvariant(), "email", "PUT is the full representation: the e-mail too");
        var cleared = await (await manager.Put($"/api/companies/{created.Id}", new { full.name, full.status, full.category, full.accountManagerId, full.territoryId,
            full.parentCompanyId, full.street, full.postalCode, full.city, full.country, full.phone, full.website, full.salesYearToDate, full.salesLastYear,
            full.outstandingAmount, full.externalKey, full.productFamilies, email = (string?)null }, Tag(patched.Version))).Read<CompanyDto>();
        Assert.IsNull(cleared.Email);
        Assert.IsNull((await (await manager.GetAsync($"/api/companies/{created.Id}")).Read<CompanyDto>()).Email);
    }

    [TestMethod]
    public async Task TheCompanyEmailIsExportedAndAnImportOfTheExportReadsItBack()
    {
        var manager = As(Team.NorthManager);
        var imported = await (await manager.ImportBytes(Encoding.UTF8.GetBytes("Company,Postal code,City,Email\r\nAdresse Générale SARL,59100,Roubaix,accueil@adresse-generale.fr\r\n")))
            .Read<ImportSummary>();
        Assert.AreEqual(1, imported.Companies.Created, imported.Message);
        var id = App.WithDb(db => db.Companies.Single(c => c.Name == "Adresse Générale SARL").Id);
        var company = await (await manager.GetAsync($"/api/companies/{id}")).Read<CompanyDto>();
        Assert.AreEqual("accueil@adresse-generale.fr", company.Email, "a company file's e-mail column is the company's");

        var export = await (await manager.GetAsync("/api/export/companies.csv")).Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(export).TrimStart('\uFEFF').Split("\r\n");
        StringAssert.Contains(lines[0], "Company email");
        Assert.IsTrue(lines.Any(l => l.Contains("Adresse Générale SARL") && l.Contains("accueil@adresse-generale.fr")));

        // The export read back maps its "Company email" column: after a change in the CRM, the file's address is a listed change.
        await manager.Patch($"/api/companies/{id}", new { email = "nouvelle@adresse-generale.fr" }, Tag(company.Version));
        var dry = await (await manager.ImportBytes(export, "&dryRun=true", "companies.csv")).Read<ImportSummary>();
        Assert.AreEqual("CompanyEmail", dry.Columns.Single(c => c.Header == "Company email").Field);
        CollectionAssert.Contains(dry.Changes.Select(c => c.Text).ToList(), "Company email: nouvelle@adresse-generale.fr → accueil@adresse-generale.fr", dry.Message);
    }
}

[TestClass] public sealed class CompanyEmailOnSqlite : CompanyEmailTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class CompanyEmailOnPostgreSql : CompanyEmailTests { protected override Provider Provider => Provider.PostgreSql; }

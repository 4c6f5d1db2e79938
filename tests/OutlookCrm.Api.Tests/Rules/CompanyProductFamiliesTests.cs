using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Tests.Infrastructure;
using OutlookCrm.Api.Tests.Sales;

namespace OutlookCrm.Api.Tests.Rules;

// A company's product families, as every company read shows them: each once, from one join of the families (Mapster's
// own projection of this DTO had joined them three times over, n³ rows per company read or search).
public abstract class CompanyProductFamiliesTests : ApiTest
{
    [TestMethod]
    public async Task ACompanyShowsEachOfItsProductFamiliesOnceWhereverItIsRead()
    {
        SalesSetup.EnsureFamilies(App, "Menuiseries", "Vitrages", "Quincaillerie");
        var manager = As(Team.NorthManager);
        var name = SalesSetup.Unique("Familles");
        var created = await (await manager.Post("/api/companies", new { name, status = "Client", productFamilies = new[] { "Menuiseries", "Vitrages", "Quincaillerie" } }))
            .Read<CompanyDto>(HttpStatusCode.Created);
        var read = await (await manager.GetAsync($"/api/companies/{created.Id}")).Read<CompanyDto>();
        var found = (await (await manager.GetAsync($"/api/companies?q={name}")).Read<Page<CompanyDto>>()).Items.Single();
        foreach (var dto in new[] { created, read, found })
            CollectionAssert.AreEquivalent(new[] { "Menuiseries", "Vitrages", "Quincaillerie" }, dto.ProductFamilies.ToArray());

        var sql = App.WithDb(db => db.Companies.AsNoTracking().Where(c => c.Id == created.Id).To<CompanyDto>().ToQueryString());
        Assert.AreEqual(1, Regex.Matches(sql, "CompanyProductFamilies").Count, sql);
    }
}

[TestClass] public sealed class CompanyProductFamiliesOnSqlite : CompanyProductFamiliesTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class CompanyProductFamiliesOnPostgreSql : CompanyProductFamiliesTests { protected override Provider Provider => Provider.PostgreSql; }

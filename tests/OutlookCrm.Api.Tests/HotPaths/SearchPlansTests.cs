using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// A company search on PostgreSQL: only the statement that matches the term is planned for each term; the companies'
// columns and joins come from a statement by key whose plan PostgreSQL keeps (docs/performance.md, company name search).
[TestClass]
public sealed class SearchPlansOnPostgreSql : ApiTest
{
    protected override Provider Provider => Provider.PostgreSql;

    [TestMethod]
    public async Task TheCompaniesOfASearchAreReadByKeyWithAPlanKeptAcrossTerms()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var terms = Enumerable.Range(1, 12).Select(i => $"plans{unique}x{i}y").ToList();
        foreach (var term in terms) await NewCompany(rep, $"Garage {term}");
        var caller = new Caller(Team.RepA.Id, Team.RepA.DisplayName, UserRole.Rep, Team.North.Id, false, [CompanyStatus.Suspect], false);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await db.Database.OpenConnectionAsync(); // one session: prepared statements belong to a connection
        foreach (var term in terms)
        {
            var page = (await CompaniesApi.SearchCompanies(db, caller, term, null, null, null, null)).Value!;
            Assert.AreEqual($"Garage {term}", page.Items.Single().Name);
        }

        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE NOT from_sql";
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<(string Sql, long Generic, long Custom)>();
        while (await reader.ReadAsync()) statements.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        var matching = statements.Single(s => s.Sql.Contains("LIKE") && s.Sql.Contains("lower(c"));
        Assert.IsFalse(matching.Sql.Contains("ProductFamilies"), "the term's statement carries none of the DTO's joins: " + matching.Sql);
        var byKey = statements.Single(s => s.Sql.Contains("ProductFamilies") && s.Sql.Contains("\"Id\" = ANY"));
        Assert.IsFalse(byKey.Sql.Contains("LIKE"), byKey.Sql);
        // Npgsql prepares a statement at its fifth use (https://www.npgsql.org/doc/prepare.html#automatic-preparation);
        // PostgreSQL plans it five times for its parameters, then keeps its generic plan when that costs no more
        // (https://www.postgresql.org/docs/15/sql-prepare.html#SQL-PREPARE-NOTES).
        Assert.IsGreaterThan(0L, byKey.Generic, $"the companies by key were planned again at every search ({byKey.Custom} custom plans)");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// On PostgreSQL the card's prepared statement (one per lookup) runs on a generic plan (planned once per connection, not at every
// lookup), on connections that serve nothing else: every other statement keeps PostgreSQL's choice of plan.
[TestClass]
public sealed class CardPlansOnPostgreSql : ApiTest
{
    protected override Provider Provider => Provider.PostgreSql;

    [TestMethod]
    public async Task TheCardIsOneStatementPlannedOnceOnConnectionsOfItsOwn()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await NewCompany(rep, $"Plans {unique}");
        var email = $"known.{unique}@plans.example";
        await NewContact(rep, company.Id, "Known", email);
        await NewDeal(rep, company.Id, "Plans deal", 500);
        var caller = new Caller(Team.RepA.Id, Team.RepA.DisplayName, UserRole.Rep, Team.North.Id, false, [CompanyStatus.Suspect], false);

        // A pool of this test's own (Npgsql keeps one per connection string): lookups one after the other then take one
        // connection, whose prepared statements are read below.
        var own = new Npgsql.NpgsqlConnectionStringBuilder(App.ConnectionString) { ApplicationName = $"plans-{unique}" }.ConnectionString;
        await using var db = DatabaseSetup.Create(new DatabaseOptions { Provider = "PostgreSql", ConnectionString = own });
        var config = App.Services.GetRequiredService<IConfiguration>();
        for (var i = 0; i < 8; i++)
        {
            var cards = await LookupApi.CardsAsync(db, caller, [email], config, null, null);
            Assert.AreEqual(company.Id, cards.Single().Company.Id);
            Assert.AreEqual("Plans deal", cards.Single().OpenDeals.Single().Title);
        }

        await using var card = new Npgsql.NpgsqlConnection(PostgreSqlCard.ConnectionString(db.Database.GetConnectionString()!));
        await card.OpenAsync();
        // (This listing is prepared too: the card's connections prepare at first use.)
        var statements = Rows(card, "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE NOT from_sql")
            .Where(s => !s.Sql.Contains("pg_prepared_statements")).ToList();
        // One statement per lookup (Lookup/PostgreSqlCard): the matched contacts, their companies and the lists together.
        Assert.AreEqual(1, statements.Count(s => s.Sql.Contains(PostgreSqlCard.Tag)), string.Join("\n\n", statements.Select(s => s.Sql[..Math.Min(s.Sql.Length, 120)])));
        Assert.AreEqual(1, statements.Count, "nothing else runs on the card's connections");
        var (sql, generic, custom) = statements.Single();
        StringAssert.Contains(sql, "\"Email2\" = ANY");
        StringAssert.Contains(sql, "FROM \"Notes\"");
        Assert.AreEqual(0L, custom, "planned again at a lookup: " + sql[..80]);
        Assert.IsGreaterThan(0L, generic, "the generic plan serves the lookups once the statement is prepared");
        Assert.AreEqual("force_generic_plan", Rows(card, "SHOW plan_cache_mode").Single().Sql);
        // Everything else keeps PostgreSQL's choice per execution: a search's plan depends on its term.
        await db.Database.OpenConnectionAsync();
        Assert.AreEqual("auto", Rows((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), "SHOW plan_cache_mode").Single().Sql);
    }

    private static List<(string Sql, long Generic, long Custom)> Rows(Npgsql.NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.FieldCount > 1 ? reader.GetInt64(1) : 0, reader.FieldCount > 2 ? reader.GetInt64(2) : 0));
        return rows;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// On PostgreSQL the card's prepared statement (one per lookup) runs on a generic plan (planned once per connection, not at every lookup),
// the setting ends with each statement, also one that fails, and PostgreSQL has nothing to warn about.
[TestClass]
public sealed class CardPlansOnPostgreSql : ApiTest
{
    protected override Provider Provider => Provider.PostgreSql;

    [TestMethod]
    public async Task TheCardsStatementsAreNotPlannedAgainAtEachLookup()
    {
        var rep = As(Team.RepA);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await NewCompany(rep, $"Plans {unique}");
        var email = $"known.{unique}@plans.example";
        await NewContact(rep, company.Id, "Known", email);
        await NewDeal(rep, company.Id, "Plans deal", 500);
        var caller = new Caller(Team.RepA.Id, Team.RepA.DisplayName, UserRole.Rep, Team.North.Id, false, [CompanyStatus.Suspect], false);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        await db.Database.OpenConnectionAsync(); // one session: prepared statements and settings belong to a connection
        var notices = new List<string>();
        ((Npgsql.NpgsqlConnection)db.Database.GetDbConnection()).Notice += (_, e) => notices.Add($"{e.Notice.Severity}: {e.Notice.MessageText}");
        for (var i = 0; i < 8; i++)
        {
            var cards = await LookupApi.CardsAsync(db, caller, [email], config, null, null);
            Assert.AreEqual(company.Id, cards.Single().Company.Id);
            Assert.AreEqual("Plans deal", cards.Single().OpenDeals.Single().Title);
        }

        var statements = Rows(db, "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE NOT from_sql");
        // One statement per lookup (Lookup/PostgreSqlCard): the matched contacts, their companies and the lists together.
        Assert.AreEqual(1, statements.Count(s => s.Sql.Contains(GenericPlans.Tag)), string.Join("\n\n", statements.Select(s => s.Sql[..Math.Min(s.Sql.Length, 120)])));
        var (sql, generic, custom) = statements.Single(s => s.Sql.Contains(GenericPlans.Tag));
        StringAssert.Contains(sql, "\"Email2\" = ANY");
        StringAssert.Contains(sql, "FROM \"Notes\"");
        Assert.AreEqual(0L, custom, "planned again at a lookup: " + sql[..80]);
        Assert.IsGreaterThan(0L, generic, sql[..80]);
        Assert.AreEqual("auto", Rows(db, "SHOW plan_cache_mode").Single().Sql, "the connection goes back to the pool as it came");
        // "SET LOCAL" outside a transaction block made PostgreSQL warn (into its server log) at every lookup.
        Assert.AreEqual("", string.Join("; ", notices));
    }

    [TestMethod]
    public async Task AFailingStatementDoesNotLeaveTheSettingOnTheConnection()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await db.Database.OpenConnectionAsync();
        var tagged = db.Database.SqlQueryRaw<int>("-- " + GenericPlans.Tag + "\nSELECT 1 / (SELECT count(*)::int - count(*)::int FROM \"Users\") AS \"Value\"");
        await Assert.ThrowsExactlyAsync<Npgsql.PostgresException>(() => tagged.ToListAsync());
        Assert.AreEqual("auto", Rows(db, "SHOW plan_cache_mode").Single().Sql);
        Assert.AreEqual(1, await db.Database.SqlQueryRaw<int>("-- " + GenericPlans.Tag + "\nSELECT 1 AS \"Value\"").SingleAsync());
        Assert.AreEqual("auto", Rows(db, "SHOW plan_cache_mode").Single().Sql);
    }

    private static List<(string Sql, long Generic, long Custom)> Rows(CrmDbContext db, string sql)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.FieldCount > 1 ? reader.GetInt64(1) : 0, reader.FieldCount > 2 ? reader.GetInt64(2) : 0));
        return rows;
    }
}

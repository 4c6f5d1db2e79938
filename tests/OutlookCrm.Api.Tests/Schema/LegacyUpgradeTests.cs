using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Schema;

// Databases created before 2026-11-27 by the hand-written migrations (their SQL, as `migration-script` printed
// it then, is in Legacy/) must upgrade to the EF migrations in place, keeping every row.
[TestClass]
public sealed class LegacyUpgradeTests
{
    [TestMethod]
    [DataRow(Provider.Sqlite, "sqlite-2026-11-23.sql")]
    [DataRow(Provider.PostgreSql, "postgresql-2026-11-23.sql")]
    public async Task ADatabaseOfTheHandWrittenMigrationsUpgradesWithoutLosingData(Provider provider, string script)
    {
        await using var legacy = MigrationTests.Context(provider, $"legacy_{Guid.NewGuid():N}");
        await using var fresh = MigrationTests.Context(provider, $"fresh_{Guid.NewGuid():N}");
        await EmptyDatabase(legacy, provider);
        var sql = await File.ReadAllTextAsync(Path.Combine(TestPostgres.RepoRoot(), "tests/OutlookCrm.Api.Tests/Schema/Legacy", script));
        await legacy.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{").Replace("}", "}}"));
        await legacy.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Territories" ("Name") VALUES ('Bretagne');
            INSERT INTO "Users" ("DisplayName", "Upn", "EntraObjectId", "Role", "TerritoryId", "IsActive") VALUES ('Yann Le Gall', 'yann@example.fr', 'oid-yann', 'Rep', 1, TRUE);
            INSERT INTO "Companies" ("Name", "Status", "AccountManagerId", "TerritoryId", "SalesYearToDate", "SalesLastYear", "OutstandingAmount", "CreatedAt", "UpdatedAt", "Version", "ChangeSeq")
                VALUES ('Conserverie Quiberon', 'Client', 1, 1, 1234.56, 99.5, 0, '2026-01-02 10:00:00', '2026-01-02 10:00:00', 1, 1);
            """);
        var before = await legacy.Database.GetAppliedMigrationsAsync();
        CollectionAssert.AreEqual(new[] { "20261122000000_Initial", "20261123110000_ReportIndex" }, before.ToArray());

        await legacy.MigrateAsync(NullLogger.Instance);
        await fresh.MigrateAsync(NullLogger.Instance);

        CollectionAssert.Contains((await legacy.Database.GetAppliedMigrationsAsync()).ToList(), "20261127120000_Baseline");
        Assert.IsEmpty(await legacy.Database.GetPendingMigrationsAsync());
        var upgraded = SchemaDump.Of(legacy);
        var created = SchemaDump.Of(fresh);
        Assert.IsTrue(upgraded.SequenceEqual(created),
            $"Upgraded schema differs.\nOnly upgraded:\n  {string.Join("\n  ", upgraded.Except(created))}\nOnly fresh:\n  {string.Join("\n  ", created.Except(upgraded))}");

        legacy.ChangeTracker.Clear();
        var company = await legacy.Companies.AsNoTracking().SingleAsync();
        Assert.AreEqual("Conserverie Quiberon", company.Name);
        Assert.AreEqual(1234.56m, company.SalesYearToDate);
        Assert.AreEqual("Yann Le Gall", (await legacy.Users.AsNoTracking().SingleAsync()).DisplayName);

        // Starting again changes nothing.
        await legacy.MigrateAsync(NullLogger.Instance);
        var known = legacy.Database.GetMigrations().Count();
        Assert.AreEqual(2 + known, (await legacy.Database.GetAppliedMigrationsAsync()).Count(), "the two legacy entries and every EF migration");
        await legacy.Database.EnsureDeletedAsync();
        await fresh.Database.EnsureDeletedAsync();
    }

    // The database exists and holds nothing: the tables come from the old script.
    private static async Task EmptyDatabase(CrmDbContext db, Provider provider)
    {
        await db.Database.EnsureDeletedAsync();
        if (provider == Provider.PostgreSql)
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        }
        // SQLite creates the file when the connection opens.
    }
}

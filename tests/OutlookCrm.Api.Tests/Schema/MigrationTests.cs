using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Schema;

// There is no model snapshot (dotnet ef does not restore here), so this test is what proves the
// hand-written migrations build exactly the schema the model describes.
[TestClass]
public sealed class MigrationTests
{
    private static CrmDbContext Context(Provider provider, string name)
    {
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions
        {
            Provider = provider.ToString(),
            ConnectionString = provider == Provider.Sqlite ? $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}" : TestPostgres.Database(name),
        });
        return new CrmDbContext(options.Options);
    }

    [TestMethod]
    [DataRow(Provider.Sqlite)]
    [DataRow(Provider.PostgreSql)]
    public void MigrationsBuildExactlyTheSchemaOfTheModel(Provider provider)
    {
        using var migrated = Context(provider, $"migrated_{Guid.NewGuid():N}");
        using var created = Context(provider, $"created_{Guid.NewGuid():N}");
        migrated.Database.Migrate();
        created.Database.EnsureCreated();

        var fromMigrations = SchemaDump.Of(migrated);
        var fromModel = SchemaDump.Of(created);

        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        Assert.IsTrue(missing.Count == 0 && extra.Count == 0,
            $"Migrations differ from the model.\nIn the model only:\n  {string.Join("\n  ", missing)}\nIn the migrations only:\n  {string.Join("\n  ", extra)}");
        Assert.IsTrue(fromModel.Count > 100, "the dump must actually describe the schema");
        migrated.Database.EnsureDeleted();
        created.Database.EnsureDeleted();
    }

    [TestMethod]
    [DataRow(Provider.Sqlite)]
    [DataRow(Provider.PostgreSql)]
    public void TheIdempotentScriptForADbaCoversEveryMigration(Provider provider)
    {
        using var db = Context(provider, $"script_{Guid.NewGuid():N}");
        // EF cannot make SQLite scripts idempotent; PostgreSQL's is, which is the one a DBA runs.
        var options = provider == Provider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var script = db.GetService<IMigrator>().GenerateScript(options: options);
        foreach (var table in new[] { "Companies", "Contacts", "Activities", "Notes", "Deals", "DealStageChanges", "Objectives", "ChangeCounters" })
            StringAssert.Contains(script, $"CREATE TABLE \"{table}\"");
    }
}

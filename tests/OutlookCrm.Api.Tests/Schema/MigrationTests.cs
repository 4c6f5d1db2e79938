using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Schema;

// Each provider has its own EF migrations and model snapshot (api/Data/Migrations/<Provider>/).
[TestClass]
public sealed class MigrationTests
{
    internal static CrmDbContext Context(Provider provider, string name) => DatabaseSetup.Create(new DatabaseOptions
    {
        Provider = provider.ToString(),
        ConnectionString = provider == Provider.Sqlite ? $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}" : TestPostgres.Database(name),
    });

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
        Assert.IsGreaterThan(100, fromModel.Count, "the dump must actually describe the schema");
        migrated.Database.EnsureDeleted();
        created.Database.EnsureDeleted();
    }

    // A change to the model without `dotnet ef migrations add` for every provider fails here.
    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("PostgreSql")]
    [DataRow("SqlServer")]
    public void EveryProvidersMigrationsAreUpToDateWithTheModel(string provider)
    {
        using var db = DatabaseSetup.Create(new DatabaseOptions { Provider = provider, ConnectionString = SqlServerScripts.ConnectionStringFor(provider) });
        Assert.IsFalse(db.Database.HasPendingModelChanges(), $"run dotnet ef migrations add <Name> --context {provider}CrmDbContext");
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
        Assert.IsTrue(migrations.Contains("20261127120000_Baseline"), string.Join(", ", migrations));
    }

    [TestMethod]
    [DataRow(Provider.Sqlite)]
    [DataRow(Provider.PostgreSql)]
    public void TheScriptForADbaCoversEveryMigration(Provider provider)
    {
        using var db = Context(provider, $"script_{Guid.NewGuid():N}");
        // EF cannot make SQLite scripts idempotent; PostgreSQL's is, which is the one a DBA runs.
        var options = provider == Provider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var script = db.GetService<IMigrator>().GenerateScript(options: options);
        foreach (var table in new[] { "Companies", "Contacts", "Activities", "Notes", "Deals", "DealStageChanges", "Objectives", "ChangeCounters" })
            StringAssert.Contains(script, $"CREATE TABLE \"{table}\"");
    }
}

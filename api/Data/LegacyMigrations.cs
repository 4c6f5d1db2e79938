using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OutlookCrm.Api.Data;

// Until 2026-11-27 the schema came from hand-written migrations (no model snapshot). They built exactly the
// schema of each provider's first EF migration (the baseline), so a database they created only needs the
// baseline recorded as applied; later migrations then run as usual. Proved by MigrationTests.LegacyDatabase*.
internal static class LegacyMigrations
{
    private const string Initial = "20261122000000_Initial", ReportIndex = "20261123110000_ReportIndex";

    public static async Task AdoptAsync(CrmDbContext db, ILogger log)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToHashSet();
        if (!applied.Contains(Initial)) return;
        var baseline = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();
        if (applied.Contains(baseline)) return;

        await using var tx = await db.Database.BeginTransactionAsync();
        if (!applied.Contains(ReportIndex))
            await db.Database.ExecuteSqlRawAsync("""
                CREATE INDEX "IX_Activities_Report" ON "Activities" ("OwnerId", "StartUtc", "Status", "Type", "CompanyId", "DeletedAt", "EndUtc")
                """);
        var row = new HistoryRow(baseline, ProductInfo.GetVersion());
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetInsertScript(row));
        try { await tx.CommitAsync(); }
        catch (DbException)
        {
            // Another instance starting at the same moment recorded it first: the same outcome.
            if (!(await db.Database.GetAppliedMigrationsAsync()).Contains(baseline)) throw;
        }
        log.LogInformation("Database created by the hand-written migrations: baseline {Baseline} recorded as applied", baseline);
    }
}

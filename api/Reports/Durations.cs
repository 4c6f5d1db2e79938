using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record StageSpan(long DealId, int StageId, DateTime EnteredAt, DateTime? LeftAt, double Days);

// Time differences in SQL: neither provider translates DateTime subtraction from LINQ, so this composable raw
// query does it per provider and the LINQ figures join it like a table.
public static class Durations
{
    // Each stay of a deal in a stage, from the history: entered at a change, left at the deal's next change.
    // A stay not left yet runs to nowUtc.
    public static IQueryable<StageSpan> StageSpans(CrmDbContext db, DateTime nowUtc)
    {
        const string next = """(SELECT MIN(n."ChangedAt") FROM "DealStageChanges" n WHERE n."DealId" = c."DealId" AND n."ChangedAt" > c."ChangedAt")""";
        var days = Minutes(db, $"COALESCE({next}, {{0}})", "c.\"ChangedAt\"") + " / 1440.0";
        var sql = $"""
            SELECT c."DealId", c."ToStageId" AS "StageId", c."ChangedAt" AS "EnteredAt", {next} AS "LeftAt",
                CAST({days} AS {Real(db)}) AS "Days"
            FROM "DealStageChanges" c
            """;
        return db.Database.SqlQueryRaw<StageSpan>(sql, nowUtc);
    }

    private static string Minutes(CrmDbContext db, string end, string start) =>
        db.Database.IsNpgsql() ? $"(EXTRACT(EPOCH FROM ({end} - {start})) / 60.0)"
        : db.Database.IsSqlServer() ? $"(DATEDIFF_BIG(second, {start}, {end}) / 60.0)"
        : $"((julianday({end}) - julianday({start})) * 1440.0)";

    private static string Real(CrmDbContext db) =>
        db.Database.IsNpgsql() ? "double precision" : db.Database.IsSqlServer() ? "float" : "REAL";
}

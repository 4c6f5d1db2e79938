using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record ActivityMinutes(long Id, double Minutes);

public sealed record StageSpan(long DealId, int StageId, DateTime EnteredAt, DateTime? LeftAt, double Days);

// Time differences in SQL: neither provider translates DateTime subtraction from LINQ, so these two
// composable raw queries do it per provider and the LINQ figures join them like tables.
public static class Durations
{
    // Each activity's duration in minutes; without an end time, the configured default for its type.
    public static IQueryable<ActivityMinutes> Activities(CrmDbContext db, ReportOptions options)
    {
        var defaults = string.Join(" ", Enum.GetNames<ActivityType>().Select(t =>
            $"WHEN '{t}' THEN {options.DefaultMinutes.GetValueOrDefault(t, 30)}"));
        var diff = Minutes(db, "\"EndUtc\"", "\"StartUtc\"");
        // Negative or over-a-day durations are typing mistakes: they count as the default, not as effort.
        var sql = $"""
            SELECT "Id", CAST(CASE WHEN "EndUtc" IS NULL OR {diff} < 0 OR {diff} > 1440
                THEN CASE "Type" {defaults} ELSE 30 END ELSE {diff} END AS {Real(db)}) AS "Minutes"
            FROM "Activities"
            """;
        return db.Database.SqlQueryRaw<ActivityMinutes>(sql);
    }

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

namespace OutlookCrm.Api.Quotes;

// Q-2026-0001, O-2026-0001: one series per prefix and year. The number is taken by one atomic UPDATE ... RETURNING
// inside the caller's transaction: the row lock makes concurrent writers wait for each other's commit, so no
// two documents get the same number, and a rolled-back write gives its number back.
public static class DocumentNumbers
{
    public static async Task<string> NextAsync(CrmDbContext db, string prefix, int year, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take a number inside the transaction that stores it.");
        var id = $"{prefix}-{year}";
        var next = await Advance(db, id, ct);
        if (next is null)
        {
            await EnsureSeries(db, id, ct);
            next = await Advance(db, id, ct) ?? throw new InvalidOperationException($"Number series {id} is missing.");
        }
        return $"{id}-{next:D4}";
    }

    private static async Task<int?> Advance(CrmDbContext db, string id, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>(db.Database.IsSqlServer()
            ? (FormattableString)$"UPDATE \"NumberSeries\" SET \"Last\" = \"Last\" + 1 OUTPUT inserted.\"Last\" WHERE \"Id\" = {id}"
            : $"UPDATE \"NumberSeries\" SET \"Last\" = \"Last\" + 1 WHERE \"Id\" = {id} RETURNING \"Last\"").ToListAsync(ct))
        .Cast<int?>().SingleOrDefault();

    // The first document of a year creates its series; two first writers race on the primary key, and the
    // loser (who would abort its transaction on PostgreSQL) inserts nothing thanks to the provider's no-conflict insert.
    private static Task EnsureSeries(CrmDbContext db, string id, CancellationToken ct) => db.Database.IsSqlServer()
        ? db.Database.ExecuteSqlAsync($"INSERT INTO \"NumberSeries\" (\"Id\", \"Last\") SELECT {id}, 0 WHERE NOT EXISTS (SELECT 1 FROM \"NumberSeries\" WITH (UPDLOCK, HOLDLOCK) WHERE \"Id\" = {id})", ct)
        : db.Database.ExecuteSqlAsync($"INSERT INTO \"NumberSeries\" (\"Id\", \"Last\") VALUES ({id}, 0) ON CONFLICT (\"Id\") DO NOTHING", ct);
}

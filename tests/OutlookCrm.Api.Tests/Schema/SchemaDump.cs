using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Tests.Schema;

// A database's shape as sorted text lines: tables, columns (type, nullability), keys, indexes, foreign keys.
internal static class SchemaDump
{
    public static List<string> Of(CrmDbContext db)
    {
        var conn = db.Database.GetDbConnection();
        conn.Open();
        try { return (db.Database.IsSqlite() ? Sqlite(conn) : Postgres(conn)).Order(StringComparer.Ordinal).ToList(); }
        finally { conn.Close(); }
    }

    // The search indexes exist only in the providers' migrations (SQL the EF model cannot express); HotPaths/SearchIndexTests checks them.
    private const string NotSearch = " AND name NOT LIKE 'CompanySearch%' AND name NOT LIKE 'ContactSearch%'";

    private static IEnumerable<string> Sqlite(DbConnection c)
    {
        var tables = Query(c, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'" + NotSearch)
            .Select(r => r[0]).ToList();
        foreach (var t in tables)
        {
            yield return $"table {t}";
            foreach (var r in Query(c, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}')"))
                yield return $"column {t}.{r[0]} {r[1]} notnull={r[2]} pk={r[3]}";
            foreach (var r in Query(c, $"SELECT name, \"unique\", origin FROM pragma_index_list('{t}')"))
            {
                var cols = string.Join(",", Query(c, $"SELECT name FROM pragma_index_info('{r[0]}') ORDER BY seqno").Select(x => x[0]));
                yield return r[2] == "pk" ? $"pk {t}({cols})" : $"index {t} {r[0]} ({cols}) unique={r[1]}";
            }
            foreach (var r in Query(c, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{t}')"))
                yield return $"fk {t}.{r[1]} -> {r[0]}.{r[2]} on delete {r[3]}";
        }
    }

    private static IEnumerable<string> Postgres(DbConnection c)
    {
        const string where = "table_schema = 'public' AND table_name <> '__EFMigrationsHistory'";
        foreach (var r in Query(c, $"SELECT table_name FROM information_schema.tables WHERE {where}"))
            yield return $"table {r[0]}";
        foreach (var r in Query(c, "SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), " +
                     "coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, ''), is_nullable, is_identity " +
                     $"FROM information_schema.columns WHERE {where}"))
            yield return $"column {r[0]}.{r[1]} {r[2]}({r[3]};{r[4]}) nullable={r[5]} identity={r[6]}";
        foreach (var r in Query(c, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' " +
                     "AND indexname NOT LIKE '%\\_Search'"))
            yield return $"index {r[0]} {r[1]} {r[2]}";
        foreach (var r in Query(c, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint " +
                     "WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '\"__EFMigrationsHistory\"'"))
            yield return $"constraint {r[0]} {r[1]} {r[2]}";
    }

    private static List<string[]> Query(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)) ?? "").ToArray());
        return rows;
    }
}

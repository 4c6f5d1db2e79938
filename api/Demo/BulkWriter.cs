using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Demo;

// A table as the generator fills it: the columns it writes (others take their defaults) and their PostgreSQL types.
public sealed record BulkTable(string Name, params (string Column, NpgsqlDbType Type)[] Columns)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Column}\""));
}

// Bulk inserts for the generator and the import: PostgreSQL binary COPY, or in SQLite a prepared INSERT into a temporary
// table and one INSERT ... SELECT from it.
public abstract class BulkWriter(DbConnection connection) : IAsyncDisposable
{
    private bool joined;
    protected DbConnection Connection { get; } = connection;
    protected DbTransaction? Transaction { get; private set; }

    public static async Task<BulkWriter> OpenAsync(CrmDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        return For(connection) ?? throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}.");
    }

    // A writer inside the context's open transaction (the import's), which stays the context's to commit or roll back;
    // null when the provider has no bulk writer (SQL Server: the caller keeps EF's inserts).
    public static BulkWriter? Join(CrmDbContext db)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Join needs the context's transaction to be open.");
        var writer = For(transaction.Connection!);
        if (writer is not null) (writer.Transaction, writer.joined) = (transaction, true);
        return writer;
    }

    public static bool Supports(CrmDbContext db) => db.Database.IsSqlite() || db.Database.IsNpgsql();

    private static BulkWriter? For(DbConnection connection) => connection switch
    {
        NpgsqlConnection pg => new PostgresBulkWriter(pg),
        SqliteConnection lite => new SqliteBulkWriter(lite),
        _ => null,
    };

    public async Task BeginAsync() => Transaction = await Connection.BeginTransactionAsync();

    public async Task CommitAsync()
    {
        await Transaction!.CommitAsync();
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    // Stamps a batch from the global change counter inside the batch's transaction, exactly as SaveChanges does:
    // the counter row's lock orders this commit among the API's, so a sync cursor never skips generated rows.
    public async Task<long> ReserveChangeSeqAsync(int count)
    {
        var last = (long)(await Scalar($"UPDATE \"ChangeCounters\" SET \"Value\" = \"Value\" + {count} WHERE \"Id\" = 1 RETURNING \"Value\""))!;
        return last - count + 1;
    }

    // Keys the generator needs before inserting (children point at them), taken from the table's own key generator.
    public abstract Task<long[]> ReserveIdsAsync(string table, int count);

    public abstract Task WriteAsync(BulkTable table, IEnumerable<object?[]> rows);

    protected async Task<object?> Scalar(string sql)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null && !joined) await Transaction.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

internal sealed class PostgresBulkWriter(NpgsqlConnection connection) : BulkWriter(connection)
{
    public override async Task<long[]> ReserveIdsAsync(string table, int count)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'Id')) FROM generate_series(1, {count})", connection, (NpgsqlTransaction?)Transaction);
        var ids = new long[count];
        await using var reader = await command.ExecuteReaderAsync();
        for (var i = 0; await reader.ReadAsync(); i++) ids[i] = reader.GetInt64(0);
        return ids;
    }

    public override async Task WriteAsync(BulkTable table, IEnumerable<object?[]> rows)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)");
        import.Timeout = TimeSpan.FromMinutes(10);
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            for (var c = 0; c < row.Length; c++)
                if (row[c] is null) await import.WriteNullAsync();
                else await import.WriteAsync(row[c]!, table.Columns[c].Type);
        }
        await import.CompleteAsync();
    }
}

internal sealed class SqliteBulkWriter(SqliteConnection connection) : BulkWriter(connection)
{
    public override async Task<long[]> ReserveIdsAsync(string table, int count)
    {
        // The batch transaction is a write (IMMEDIATE) transaction, so nobody else can take these keys meanwhile.
        // AUTOINCREMENT never reuses a deleted key: start past both the largest key and the recorded sequence.
        var max = (long)(await Scalar($"SELECT MAX(COALESCE((SELECT MAX(\"Id\") FROM \"{table}\"), 0), " +
            $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))"))!;
        return Enumerable.Range(1, count).Select(i => max + i).ToArray();
    }

    // The rows go to a temporary copy of the table first (no index, no trigger) by one prepared INSERT per row, then into
    // the table by one INSERT ... SELECT: a table with FTS5 triggers (the search indexes) flushes the full-text index's
    // pending terms at the end of every statement, so one statement per row costs about ten times the CPU (measured:
    // 20,000 contacts 2.5 s inserted one per statement, 0.5 s by 500-row statements). Multi-row statements would bind
    // thousands of named parameters, each looked up by name.
    public override Task WriteAsync(BulkTable table, IEnumerable<object?[]> rows)
    {
        var stage = $"\"Bulk{table.Name}\"";
        Execute($"DROP TABLE IF EXISTS temp.{stage}");
        Execute($"CREATE TEMP TABLE {stage} AS SELECT {table.ColumnList} FROM \"{table.Name}\" WHERE 0");
        using (var command = connection.CreateCommand())
        {
            command.Transaction = (SqliteTransaction?)Transaction;
            command.CommandText = $"INSERT INTO temp.{stage} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
            var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            command.Prepare();
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Length; c++) parameters[c].Value = row[c] ?? DBNull.Value;
                command.ExecuteNonQuery(); // SQLite does no I/O per statement here: the async variant only adds a Task per row
            }
        }
        Execute($"INSERT INTO \"{table.Name}\" ({table.ColumnList}) SELECT {table.ColumnList} FROM temp.{stage} ORDER BY rowid");
        Execute($"DROP TABLE temp.{stage}");
        return Task.CompletedTask;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

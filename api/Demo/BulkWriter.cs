using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Demo;

// A table as the generator fills it: the columns it writes (others take their defaults) and their PostgreSQL types.
public sealed record BulkTable(string Name, params (string Column, NpgsqlDbType Type)[] Columns)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Column}\""));
}

// Bulk inserts for the generator, one batch per transaction: PostgreSQL binary COPY, or one prepared INSERT
// reused for every row in SQLite (no round trips there, so this is as fast as multi-row statements and simpler).
public abstract class BulkWriter(DbConnection connection) : IAsyncDisposable
{
    protected DbConnection Connection { get; } = connection;
    protected DbTransaction? Transaction { get; private set; }

    public static async Task<BulkWriter> OpenAsync(CrmDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        return connection switch
        {
            NpgsqlConnection pg => new PostgresBulkWriter(pg),
            SqliteConnection lite => new SqliteBulkWriter(lite),
            _ => throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}."),
        };
    }

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
        if (Transaction is not null) await Transaction.DisposeAsync();
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

    public override Task WriteAsync(BulkTable table, IEnumerable<object?[]> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)Transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++) parameters[c].Value = row[c] ?? DBNull.Value;
            command.ExecuteNonQuery(); // SQLite does no I/O per statement here: the async variant only adds a Task per row
        }
        return Task.CompletedTask;
    }
}

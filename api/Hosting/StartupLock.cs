using Microsoft.EntityFrameworkCore;

namespace OutlookCrm.Api.Hosting;

// Several API instances on one server database start at once: one at a time migrates, adopts legacy schemas,
// adds the default stages and seeds. EF Core's own migration lock covers only the migrations (and PostgreSQL's
// history table may be created twice before it is taken); this session lock covers the whole start-up.
// SQLite: an operating-system lock on a file beside the database, released by the system even when the process is
// killed, so a start-up stopped by Ctrl+C mid-migration cannot leave EF's lock row behind to block every later start.
public static class StartupLock
{
    private const long Key = 0x4F43524D; // "OCRM"

    public static async Task<IAsyncDisposable> AcquireAsync(CrmDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) return await SqliteFileLockAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Polled rather than blocking: a first migration can outlast any command timeout.
            while (!(await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({Key}) AS \"Value\"").SingleAsync(ct)))
                await Task.Delay(500, ct);
            return new Release(() => db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({Key})"), db);
        }
        // Waits without end on the server side: the command timeout must not cut a long first migration of another instance.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.ExecuteSqlRawAsync("EXEC sp_getapplock @Resource = 'OutlookCrm.Startup', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1", ct);
        db.Database.SetCommandTimeout(null);
        return new Release(() => db.Database.ExecuteSqlRawAsync("EXEC sp_releaseapplock @Resource = 'OutlookCrm.Startup', @LockOwner = 'Session'"), db);
    }

    private static async Task<IAsyncDisposable> SqliteFileLockAsync(CrmDbContext db, CancellationToken ct)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return new Release(null);
        var path = Path.GetFullPath(file) + ".startup-lock";
        if (!Directory.Exists(Path.GetDirectoryName(path))) return new Release(null); // SQLite's own error will say so
        FileStream held;
        while (true)
        {
            try { held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); break; }
            catch (IOException) { await Task.Delay(200, ct); }
        }
        try
        {
            // Whoever wrote EF's lock row went through this lock and is gone: the row is stale.
            var hasLockTable = await db.Database.SqlQueryRaw<int>(
                "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync(ct) > 0;
            if (hasLockTable) await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
        return new Release(() => { held.Dispose(); return Task.FromResult(0); });
    }

    private sealed class Release(Func<Task<int>>? unlock, CrmDbContext? db = null) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (unlock is null) return;
            try { await unlock(); }
            finally { if (db is not null) await db.Database.CloseConnectionAsync(); }
        }
    }
}

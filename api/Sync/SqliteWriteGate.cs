using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Sync;

// SQLite has one writer at a time. Microsoft.Data.Sqlite answers a busy database by retrying the statement after a
// sleep of the calling thread until the command timeout (https://learn.microsoft.com/dotnet/standard/data/sqlite/errors):
// with hundreds of mailboxes saving state at once, request threads slept in SQLite and a lease renewal, which must
// land within a third of the lease, waited as long as luck decided. The sync endpoints' writes therefore queue here
// (asynchronously, in order, one database file at a time), lease calls ahead of state writes. Other providers are
// not gated: their row locks let writers of different mailboxes go on together.
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _leases = new(), _states = new();
    private bool _busy;

    // Writes waiting for their turn (cancelled ones included until their turn is skipped).
    public int Waiting { get { lock (_lock) return _leases.Count + _states.Count; } }

    // Null when the context is not SQLite (nothing to gate).
    public static SqliteWriteGate? For(CrmDbContext db) =>
        db.Database.IsSqlite() ? Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SqliteWriteGate()) : null;

    // Lease calls (urgent) go before any state write still waiting.
    public async ValueTask<IDisposable> EnterAsync(bool urgent, CancellationToken ct)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_busy)
            {
                _busy = true;
                return new Turn(this);
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _leases : _states).Enqueue(turn);
        }
        // A cancelled waiter is skipped when its turn comes (TrySetResult fails on it).
        await using (ct.Register(() => turn.TrySetCanceled(ct))) await turn.Task;
        return new Turn(this);
    }

    private void Release()
    {
        lock (_lock)
        {
            while (_leases.TryDequeue(out var next) || _states.TryDequeue(out next))
                if (next.TrySetResult()) return;
            _busy = false;
        }
    }

    private sealed class Turn(SqliteWriteGate gate) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release(); }
    }
}

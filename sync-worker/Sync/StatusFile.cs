using System.Text.Json;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// status.json beside the state, per mailbox and loop: the last success with its report (and the items set aside),
// the last failure with its error and how many cycles in a row have failed, for monitoring. The whole file is rewritten
// (and flushed to disk) at most once per second however many mailboxes finish meanwhile: written per loop, a pool of
// 300 mailboxes would rewrite a file of 600 entries ten times a second, under one lock.
public sealed class StatusFile(IOptions<SyncOptions> options) : IDisposable
{
    public sealed record Entry(string Upn, DateTimeOffset? LastSuccess, CycleReport? LastReport,
        DateTimeOffset? LastFailure = null, string? LastError = null, int ConsecutiveFailures = 0);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new(), _writeLock = new();
    private Dictionary<string, Entry>? _entries;
    private bool _pending;
    private long _version, _written;
    private Timer? _timer;

    public string Path => System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.StateDirectory), "status.json");

    public void Record(string loop, int userId, string upn, CycleReport report) =>
        Update(loop, userId, e => (e ?? new Entry(upn, null, null)) with { Upn = upn, LastSuccess = DateTimeOffset.UtcNow, LastReport = report, ConsecutiveFailures = 0 });

    public void RecordFailure(string loop, int userId, string upn, string error) =>
        Update(loop, userId, e => (e ?? new Entry(upn, null, null)) with
        {
            Upn = upn, LastFailure = DateTimeOffset.UtcNow, LastError = error, ConsecutiveFailures = (e?.ConsecutiveFailures ?? 0) + 1,
        });

    private void Update(string loop, int userId, Func<Entry?, Entry> change)
    {
        if (options.Value.DryRun) return;
        lock (_lock)
        {
            _entries ??= ReadFile();
            var key = $"{loop}:{userId}";
            _entries[key] = change(_entries.GetValueOrDefault(key));
            _version++;
            if (_pending) return;
            _pending = true;
            _timer ??= new Timer(_ => FlushQuietly());
            try { _timer.Change(FlushDelay, Timeout.InfiniteTimeSpan); }
            catch (ObjectDisposedException) { _pending = false; } // shut down: a cycle ending after the last write is not recorded
        }
    }

    // Writes what changed since the last write (at once: tests, shutdown).
    public void Flush()
    {
        byte[] content;
        long version;
        lock (_lock)
        {
            if (!_pending || _entries is null) return;
            _pending = false;
            (content, version) = (JsonSerializer.SerializeToUtf8Bytes(_entries, Json), _version);
        }
        lock (_writeLock)
        {
            if (version <= _written) return; // a later version is already on disk
            StateStore.WriteAtomically(Path, content);
            _written = version;
        }
    }

    private void FlushQuietly()
    {
        try { Flush(); }
        // The disk refused (full, read-only): the entries stay in memory and the next change tries again.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public Dictionary<string, Entry> Read()
    {
        Flush();
        return ReadFile();
    }

    private Dictionary<string, Entry> ReadFile()
    {
        if (!File.Exists(Path)) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(Path), Json) ?? []; }
        catch (JsonException) { return []; }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        try { Flush(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

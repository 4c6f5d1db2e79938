using System.Text.Json;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// status.json beside the state, per mailbox and loop: the last success with its report (and the items set aside),
// the last failure with its error and how many cycles in a row have failed, for monitoring.
public sealed class StatusFile(IOptions<SyncOptions> options)
{
    public sealed record Entry(string Upn, DateTimeOffset? LastSuccess, CycleReport? LastReport,
        DateTimeOffset? LastFailure = null, string? LastError = null, int ConsecutiveFailures = 0);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();
    private Dictionary<string, Entry>? _entries;

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
            _entries ??= Read();
            var key = $"{loop}:{userId}";
            _entries[key] = change(_entries.GetValueOrDefault(key));
            StateStore.WriteAtomically(Path, JsonSerializer.SerializeToUtf8Bytes(_entries, Json));
        }
    }

    public Dictionary<string, Entry> Read()
    {
        if (!File.Exists(Path)) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(Path), Json) ?? []; }
        catch (JsonException) { return []; }
    }
}

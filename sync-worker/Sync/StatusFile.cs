using System.Text.Json;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// status.json beside the state: the last successful cycle per mailbox and loop, for monitoring.
public sealed class StatusFile(IOptions<SyncOptions> options)
{
    public sealed record Entry(string Upn, DateTimeOffset LastSuccess, CycleReport LastReport);

    private readonly Lock _lock = new();
    private Dictionary<string, Entry>? _entries;

    public string Path => System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.StateDirectory), "status.json");

    public void Record(string loop, int userId, string upn, CycleReport report)
    {
        if (options.Value.DryRun) return;
        lock (_lock)
        {
            _entries ??= Read();
            _entries[$"{loop}:{userId}"] = new Entry(upn, DateTimeOffset.UtcNow, report);
            StateStore.WriteAtomically(Path, JsonSerializer.SerializeToUtf8Bytes(_entries, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }
    }

    public Dictionary<string, Entry> Read()
    {
        if (!File.Exists(Path)) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(Path), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? []; }
        catch (JsonException) { return []; }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// Each mailbox's state (cursors, delta links, id map, dirty flag, quarantine) lives in the CRM database, read and
// written through the API: whichever instance holds the mailbox's lease continues where the last holder stopped.
// A write carries the lease's epoch; the API refuses it once the lease is lost (fencing).
public sealed class StateStore(CrmClient crm, IOptions<SyncOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    // What was read or last written, per loop and mailbox: an unchanged state is not sent again (a quiet cycle writes nothing).
    private readonly Dictionary<(string, int), string> _stored = [];

    public async Task<T> LoadAsync<T>(string kind, int userId, CancellationToken ct) where T : new()
    {
        // Under a lease this instance has held since it last wrote (or read) the state, the database holds exactly that.
        var lease = MailboxScope.Current?.Lease;
        if (lease is null || !lease.KnownState.TryGetValue(kind, out var json))
        {
            var state = await crm.GetStateAsync(userId, options.Value.Pool, kind, ct);
            json = kind == ContactSync.Loop ? state.Contacts : state.Calendar;
            if (lease is not null && !string.IsNullOrEmpty(json)) lease.KnownState[kind] = json;
        }
        if (string.IsNullOrEmpty(json)) return new T();
        _stored[(kind, userId)] = json;
        try { return JsonSerializer.Deserialize<T>(json, Json) ?? new T(); }
        // An unreadable state is a lost state: the next cycle resyncs fully, and the CRM ids prevent duplicates.
        catch (JsonException) { return new T(); }
    }

    public async Task SaveAsync<T>(string kind, int userId, T state, CancellationToken ct)
    {
        if (options.Value.DryRun) return;
        var lease = MailboxScope.Current?.Lease ?? throw new InvalidOperationException($"Mailbox {userId}: state written without holding its lease.");
        lease.ThrowIfLost();
        var json = JsonSerializer.Serialize(state, Json);
        if (_stored.GetValueOrDefault((kind, userId)) == json) return;
        // Until the API confirms, what the database holds is unknown (a timeout may come after the commit).
        lease.KnownState.TryRemove(kind, out _);
        await crm.PutStateAsync(userId, kind, new StateWrite(options.Value.Pool, lease.Holder, lease.Epoch, json), ct);
        _stored[(kind, userId)] = json;
        lease.KnownState[kind] = json;
    }

    // Local files (status.json): written to a temp file then renamed, so a crash leaves the old or the new one.
    public static void WriteAtomically(string path, byte[] content)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}

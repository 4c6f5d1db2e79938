using System.Text.Json;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// One JSON file per mailbox and loop. Written to a temp file then renamed, so a crash leaves either the
// old or the new state, never half of one.
public sealed class StateStore(IOptions<SyncOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public string Directory => Path.GetFullPath(options.Value.StateDirectory);

    public T Load<T>(string kind, int userId) where T : new()
    {
        var path = PathOf(kind, userId);
        if (!File.Exists(path)) return new T();
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? new T(); }
        // An unreadable state is a lost state: the next cycle resyncs fully, and the CRM ids prevent duplicates.
        catch (JsonException) { return new T(); }
    }

    public void Save<T>(string kind, int userId, T state)
    {
        if (options.Value.DryRun) return;
        WriteAtomically(PathOf(kind, userId), JsonSerializer.SerializeToUtf8Bytes(state, Json));
    }

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

    private string PathOf(string kind, int userId) => Path.Combine(Directory, $"{kind}-{userId}.json");
}

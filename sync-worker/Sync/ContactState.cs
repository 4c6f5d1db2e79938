using OutlookCrm.SyncWorker.Graph;

namespace OutlookCrm.SyncWorker.Sync;

public sealed class ContactState
{
    public string? FolderId { get; set; }
    // CRM change-feed cursor; 0 means "take a full snapshot and reconcile the whole folder".
    public long Cursor { get; set; }
    public string? DeltaLink { get; set; }
    public Dictionary<string, ContactItem> Items { get; set; } = [];
    // Contacts Graph refused, by CRM key, with the hash of the fields refused: retried once the CRM changes them.
    public Dictionary<string, QuarantineEntry> Quarantine { get; set; } = [];
    // Set before the first write of a cycle, cleared after its last: a crash in between makes the next cycle
    // reconcile the whole folder by CRM id (so no create is ever repeated).
    public bool Dirty { get; set; }
}

// Fields: what the CRM last wrote; RepCategories: the rep's own categories on the item, kept on every write.
public sealed record ContactItem(string GraphId, long CompanyId, string Hash, ContactFields Fields, IReadOnlyList<string>? RepCategories = null)
{
    public IReadOnlyList<string> Rep => RepCategories ?? [];
}

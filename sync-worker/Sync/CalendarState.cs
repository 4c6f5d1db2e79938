using OutlookCrm.SyncWorker.Graph;

namespace OutlookCrm.SyncWorker.Sync;

public sealed class CalendarState
{
    public long Cursor { get; set; }
    public string? DeltaLink { get; set; }
    // The calendar window the delta link was opened for; a new day opens a new window (and a full reconcile).
    public DateTime WindowStart { get; set; }
    public bool Dirty { get; set; }
    public Dictionary<string, EventItem> Items { get; set; } = [];
    // Refused items by CRM key ("activity:12") or Outlook id ("outlook:AAMk…"), with what was refused.
    public Dictionary<string, QuarantineEntry> Quarantine { get; set; } = [];
    // Occurrences of recurring series already logged as done activities (event id → activity id): logged once.
    public Dictionary<string, long> DoneOccurrences { get; set; } = [];
}

// Hash and Fields are of the CRM-desired fields last written, so an unchanged activity is never rewritten and an
// update carries only what changed; Categories are the event's as last seen (the rep's own are kept on every write).
public sealed record EventItem(string GraphId, long ActivityId, string Hash, EventFields? Fields = null, IReadOnlyList<string>? Categories = null);

namespace OutlookCrm.Api.Data;

// The sync worker's state for one mailbox, kept in the CRM database so that any worker instance can take a
// mailbox over: who holds it (lease), the fencing epoch bumped at each acquisition, and the two loops' state.
public sealed class SyncMailbox
{
    // Worker pools sharing one CRM database (one per Microsoft 365 tenant) keep separate leases and state.
    public string Pool { get; set; } = "default";
    public int UserId { get; set; }
    public string? Holder { get; set; }
    public long Epoch { get; set; }
    // Unix milliseconds of the API's clock: one number compares the same way on every provider.
    public long LeaseUntil { get; set; }
    public string? ContactState { get; set; }
    public string? CalendarState { get; set; }
}

// A live worker instance (heartbeat), so each instance takes its share of the mailboxes.
public sealed class SyncInstance
{
    public string Pool { get; set; } = "default";
    public string Holder { get; set; } = "";
    public long SeenUntil { get; set; }
}

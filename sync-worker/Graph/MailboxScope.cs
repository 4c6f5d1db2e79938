namespace OutlookCrm.SyncWorker.Graph;

// Which mailbox the current async flow works for, so the HTTP pipeline can apply per-mailbox
// limits and count throttling even for $batch requests whose URL names no mailbox.
public sealed class MailboxScope
{
    private static readonly AsyncLocal<MailboxScope?> CurrentScope = new();

    public required string Mailbox { get; init; }
    // The lease under which this cycle writes (null in dry-run, which writes nothing).
    public Sync.MailboxLease? Lease { get; init; }
    public int Throttled;
    public int Requests;

    public static MailboxScope? Current => CurrentScope.Value;

    public static IDisposable Enter(MailboxScope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(MailboxScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}

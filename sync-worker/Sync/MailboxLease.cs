using System.Diagnostics;

namespace OutlookCrm.SyncWorker.Sync;

// This instance's lease on one mailbox. Lost is cancelled a safety margin (a quarter of the lease) before the
// database lets another instance take the mailbox, counted from when the granting request was sent: a holder
// stops writing (Graph, CRM, state) before anyone else may start. Epoch fences the state it writes.
public sealed class MailboxLease(int userId, long epoch, string holder)
{
    private readonly CancellationTokenSource _lost = new();

    public int UserId { get; } = userId;
    public long Epoch { get; } = epoch;
    public string Holder { get; } = holder;
    public CancellationToken Lost => _lost.Token;
    public bool IsLost => _lost.IsCancellationRequested;
    // A cycle is running under this lease: it is not released until the cycle ends.
    public int Busy;
    // Each loop's state as this instance last read or wrote it under this lease. While the lease is held (same holder,
    // same epoch) nobody else can write that state (the API fences writes by holder and epoch), so a cycle takes it
    // from here instead of reading it back from the CRM database. A lease lost and taken again is a new object: empty.
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> KnownState { get; } = new();

    public void Extend(long sentAt, TimeSpan duration)
    {
        var remaining = duration * 0.75 - Stopwatch.GetElapsedTime(sentAt);
        if (remaining <= TimeSpan.Zero) Lose();
        else try { _lost.CancelAfter(remaining); } catch (ObjectDisposedException) { }
    }

    public void Lose()
    {
        try { _lost.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void ThrowIfLost()
    {
        if (IsLost) throw new Crm.LeaseLostException($"Mailbox {UserId}: lease epoch {Epoch} of {Holder} lost; nothing more is written.");
    }
}

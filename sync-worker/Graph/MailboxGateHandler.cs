using System.Collections.Concurrent;

namespace OutlookCrm.SyncWorker.Graph;

// At most 4 requests in flight per mailbox, batch steps counted (Exchange Online: 4 concurrent requests per app and
// mailbox; Graph runs up to 4 steps of a batch at once, https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits).
// A request takes one slot, a $batch takes all of them. Sits inside the retry handler: a Retry-After wait holds no slot.
public sealed class MailboxGateHandler(int maxPerMailbox) : DelegatingHandler
{
    private sealed class Gate(int slots)
    {
        public readonly SemaphoreSlim Slots = new(slots, slots);
        public readonly SemaphoreSlim Whole = new(1, 1);
    }

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var scope = MailboxScope.Current;
        var key = scope?.Mailbox ?? MailboxFromPath(request.RequestUri) ?? "";
        var gate = _gates.GetOrAdd(key, _ => new Gate(maxPerMailbox));
        var isBatch = request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true;
        var taken = 0;
        try
        {
            if (isBatch)
            {
                // One batch gathers its slots at a time, so two batches never each hold half and wait forever.
                await gate.Whole.WaitAsync(ct);
                try { for (; taken < maxPerMailbox; taken++) await gate.Slots.WaitAsync(ct); }
                finally { gate.Whole.Release(); }
            }
            else { await gate.Slots.WaitAsync(ct); taken = 1; }
            if (scope is not null) Interlocked.Increment(ref scope.Requests);
            return await base.SendAsync(request, ct);
        }
        finally { if (taken > 0) gate.Slots.Release(taken); }
    }

    private static string? MailboxFromPath(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var i = Array.FindIndex(segments, s => s.Equals("users", StringComparison.OrdinalIgnoreCase));
        return i >= 0 && i + 1 < segments.Length ? Uri.UnescapeDataString(segments[i + 1]) : null;
    }
}

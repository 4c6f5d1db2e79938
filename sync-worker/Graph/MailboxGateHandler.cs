using System.Collections.Concurrent;

namespace OutlookCrm.SyncWorker.Graph;

// At most N requests in flight per mailbox (Exchange Online throttles beyond 4 per app and mailbox).
// Sits inside the retry handler so a request waiting out a Retry-After does not hold a slot.
public sealed class MailboxGateHandler(int maxPerMailbox) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var scope = MailboxScope.Current;
        var key = scope?.Mailbox ?? MailboxFromPath(request.RequestUri) ?? "";
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(maxPerMailbox, maxPerMailbox));
        await gate.WaitAsync(ct);
        try
        {
            if (scope is not null) Interlocked.Increment(ref scope.Requests);
            return await base.SendAsync(request, ct);
        }
        finally { gate.Release(); }
    }

    private static string? MailboxFromPath(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var i = Array.FindIndex(segments, s => s.Equals("users", StringComparison.OrdinalIgnoreCase));
        return i >= 0 && i + 1 < segments.Length ? Uri.UnescapeDataString(segments[i + 1]) : null;
    }
}

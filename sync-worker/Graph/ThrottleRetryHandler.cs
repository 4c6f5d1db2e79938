using System.Net;

namespace OutlookCrm.SyncWorker.Graph;

// Honours Retry-After on 429/503/504 (Graph's throttling contract) and retries dropped connections
// for requests that are safe to repeat. A POST whose connection dropped may have been applied, so it is
// not repeated here: the sync's pending-create journal finds it by its CRM id instead.
public sealed class ThrottleRetryHandler(int maxRetries) : DelegatingHandler
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, ct);
            }
            catch (HttpRequestException) when (attempt < maxRetries && request.Method != HttpMethod.Post && !ct.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), ct);
                continue;
            }
            if (!IsThrottle(response.StatusCode)) return response;
            if (MailboxScope.Current is { } scope) Interlocked.Increment(ref scope.Throttled);
            if (attempt >= maxRetries) return response;
            var wait = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            await Task.Delay(wait, ct);
        }
    }

    public static bool IsThrottle(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < MaxWait ? delta : MaxWait;
        if (header?.Date is { } date) { var d = date - DateTimeOffset.UtcNow; return d < TimeSpan.Zero ? TimeSpan.Zero : d < MaxWait ? d : MaxWait; }
        return null;
    }

    // Without Retry-After: 0.5 s, 1 s, 2 s… capped at 30 s.
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, attempt), 30_000));
}

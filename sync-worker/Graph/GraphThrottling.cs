using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace OutlookCrm.SyncWorker.Graph;

// Graph's throttling contract (https://learn.microsoft.com/en-us/graph/throttling): on 429/503/504 wait as Retry-After
// says, then retry. Requests go through Microsoft.Extensions.Http.Resilience's retry, which honours Retry-After; each
// attempt has its own timeout, so a long Retry-After wait is never mistaken for a dead connection. Batch steps come
// back inside a 200 and are retried by BatchWriter after their own Retry-After (no library looks inside a batch).
public static class GraphThrottling
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    public static ResilienceHandler Handler(int maxRetries, TimeSpan attemptTimeout) => new(new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, maxRetries),
            ShouldRetryAfterHeader = true,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = MaxWait,
            UseJitter = true,
            // A POST whose connection dropped may have been applied: not repeated here (BatchWriter finds creates by CRM key).
            ShouldHandle = args => ValueTask.FromResult(maxRetries > 0 && args.Outcome switch
            {
                { Result: { } r } => IsThrottle(r.StatusCode),
                { Exception: HttpRequestException or TimeoutRejectedException } => args.Context.GetRequestMessage()?.Method != HttpMethod.Post,
                _ => false,
            }),
            OnRetry = args =>
            {
                if (args.Outcome.Result is { } r && IsThrottle(r.StatusCode) && MailboxScope.Current is { } scope) Interlocked.Increment(ref scope.Throttled);
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(attemptTimeout)
        .Build());

    public static bool IsThrottle(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    // A batch step's Retry-After header (delta seconds or an HTTP date), as a step's headers carry it.
    public static TimeSpan? RetryAfter(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return seconds * TimeSpan.TicksPerSecond < MaxWait.Ticks ? TimeSpan.FromSeconds(seconds) : MaxWait;
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date))
        {
            var d = date - DateTimeOffset.UtcNow;
            return d < TimeSpan.Zero ? TimeSpan.Zero : d < MaxWait ? d : MaxWait;
        }
        return null;
    }
}

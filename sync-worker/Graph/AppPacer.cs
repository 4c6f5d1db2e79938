using System.Diagnostics;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace OutlookCrm.SyncWorker.Graph;

// Graph's global limit is per app across all tenants: 130,000 requests per 10 s
// (https://learn.microsoft.com/en-us/graph/throttling-limits), each $batch step counted. Each instance paces its requests
// at its share of Sync:AppRequestsPerSecond (the instances the leases report share it): a first sync of a whole pool then
// runs at the limit instead of meeting it as 429s that stop each throttled mailbox for a Retry-After (docs/performance.md,
// sync worker, seventh round: 1.30x the minimum unpaced). A schedule, not a bucket: each request reserves its time.
public sealed class AppPacer(int requestsPerSecond, Func<double> share)
{
    // Up to half a second of the share may go at once (what Graph's 10-second window allows many times over).
    private const double BurstSeconds = 0.5;
    private readonly Lock _lock = new();
    private double _due;

    public async ValueTask WaitAsync(int requests, CancellationToken ct)
    {
        if (requestsPerSecond <= 0) return;
        // An instance holding no mailbox yet still gets a little (its first reads).
        var rate = requestsPerSecond * Math.Max(share(), 0.01);
        double wait;
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
            var start = Math.Max(_due, now);
            wait = start - now - BurstSeconds;
            _due = start + requests / rate;
        }
        if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait), ct);
    }
}

// A $batch request's step count (BatchWriter), for the pacer: each step is one request to Graph's limits.
public sealed class BatchSteps(int count) : IRequestOption
{
    public int Count { get; } = count;
}

// Inside the retry handler: every attempt is paced, a batch by its steps.
public sealed class AppPaceHandler(AppPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        await pacer.WaitAsync(request.GetRequestOption<BatchSteps>()?.Count ?? 1, ct);
        return await base.SendAsync(request, ct);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The Prefer header's preferences the double honours; each applies only to the request (or batch step) carrying it.
// outlook.timezone: https://learn.microsoft.com/en-us/graph/api/user-list-events#request-headers
// odata.maxpagesize: https://learn.microsoft.com/en-us/graph/delta-query-messages#use-query-parameters-in-a-delta-query-for-messages
// IdType="ImmutableId": https://learn.microsoft.com/en-us/graph/outlook-immutable-id ("only applies to the request it is included with")
public sealed record Prefer(string? TimeZone, int? PageSize, bool ImmutableId)
{
    // The same few header values come with every request: each is parsed once.
    private static readonly ConcurrentDictionary<string, Prefer> Parsed = new();

    public static Prefer Parse(string? header)
    {
        if (header is null) return new Prefer(null, null, false);
        if (Parsed.TryGetValue(header, out var known)) return known;
        var prefer = ParseCore(header);
        if (Parsed.Count < 256) Parsed[header] = prefer;
        return prefer;
    }

    private static Prefer ParseCore(string header)
    {
        string? zone = null;
        int? page = null;
        var immutable = false;
        foreach (var value in header.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = value.Trim();
            if (p.StartsWith("outlook.timezone=", StringComparison.OrdinalIgnoreCase)) zone = p[17..].Trim('"');
            if (p.StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)) page = int.Parse(p[18..], CultureInfo.InvariantCulture);
            if (p.Replace(" ", "").Equals("IdType=\"ImmutableId\"", StringComparison.OrdinalIgnoreCase)) immutable = true;
        }
        return new Prefer(zone, page, immutable);
    }
}

// A stateful Microsoft Graph on loopback for the real GraphServiceClient: the endpoints the worker uses with
// Graph's JSON shapes, throttling and injected faults, and per-mailbox counters for tests and the benchmark.
public sealed partial class GraphDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, GraphMailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _faultLock = new();
    private Random _random = new(1);

    public string BaseUrl { get; private set; } = "";

    // Faults: the share of HTTP calls answered by 429, 503 or a dropped connection (a third each).
    public double FaultRate { get; set; }
    // The mailbox budget, each $batch step counted: 10,000 requests per 10 minutes per app and mailbox
    // (https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits), as a token bucket;
    // tests and the benchmark may scale it down. A 429 says when a request would fit again, 1 to 120 s.
    public double? ThrottleRatePerSecond { get; set; } = 10_000 / 600.0;
    public double ThrottleBurst { get; set; } = 10_000;
    // Off unless set (SyncBench --app-limit): Graph's global limit, 130,000 requests per 10 s per app across all tenants
    // (https://learn.microsoft.com/en-us/graph/throttling-limits), as one token bucket for every mailbox; its 429s counted
    // in AppThrottled (and in each mailbox's Throttled).
    public double? AppRatePerSecond { get; set; }
    public double AppBurst { get; set; } = 13_000;
    public int AppThrottled;
    private readonly Lock _appLock = new();
    private double _appTokens = double.MaxValue;
    private DateTime _appRefill = DateTime.UtcNow;
    // Exchange Online refuses more than 4 concurrent requests per app and mailbox, batch steps included.
    public int MaxConcurrentPerMailbox { get; set; } = 4;
    // How long Graph works on one request or batch step (slots are held meanwhile).
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(3);
    // The next N requests are answered 429 with this Retry-After (seconds), as Graph does when a mailbox is busy.
    public int ThrottleNextRequests;
    public int ThrottleNextRetryAfter { get; set; } = 1;
    // Mailboxes outside the app's access scope.
    public HashSet<string> OutOfScope { get; } = new(StringComparer.OrdinalIgnoreCase);
    // Delta tokens expire on their own (Graph keeps no promise on how long: https://learn.microsoft.com/en-us/graph/delta-query-overview).
    public TimeSpan DeltaTokenLifetime { get; set; } = TimeSpan.FromDays(7);
    // A delta or next link that Graph answers with this status (a test's fault), once per link.
    public int? DeltaLinkStatus { get; set; }
    public int ConcurrencyViolations;
    public Func<bool>? KillSwitch { get; set; }
    // Returns a reason to refuse a worker's POST/PATCH body with 400, or null to accept it.
    public Func<JsonObject, string?>? RefuseWrite { get; set; }
    public int InjectedFaults;
    // Two worker instances writing to one mailbox at the same time (a test-only check of the leases), with what overlapped.
    public int WriterOverlaps;
    public readonly ConcurrentQueue<string> OverlapLog = new();
    // Instances "killed" by a test: whatever they still send is cut off, as a dead process sends nothing.
    public ConcurrentDictionary<string, bool> DeadInstances { get; } = new();
    // Delta tokens issued before this call are refused with 410 syncStateNotFound.
    public void ExpireDeltaTokens() => _deltaRounds.Clear();

    private GraphDouble(WebApplication app) => _app = app;

    public static async Task<GraphDouble> StartAsync(int seed = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var graph = new GraphDouble(app) { _random = new Random(seed) };
        app.Run(graph.HandleHttp);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUrl = address.TrimEnd('/') + "/v1.0";
        return graph;
    }

    public GraphMailbox Mailbox(string upn) => _mailboxes.GetOrAdd(upn, u => new GraphMailbox(u));

    public IEnumerable<GraphMailbox> Mailboxes => _mailboxes.Values;

    public int TotalRequests => _mailboxes.Values.Sum(m => m.Requests);
    public int TotalWrites => _mailboxes.Values.Sum(m => m.Writes);

    // The rep acting in Outlook (web, desktop or phone): same routes and shapes, not counted as worker traffic.
    public JsonObject? AsOutlook(string upn, string method, string path, JsonObject? body = null)
    {
        var m = Mailbox(upn);
        lock (m.Sync)
        {
            m.UserEditing = true;
            try
            {
                var r = Dispatch(method, $"/v1.0/users/{Uri.EscapeDataString(upn)}/{path}", body, new Prefer(null, null, ImmutableId: true));
                if (r.Status >= 400) throw new InvalidOperationException($"Outlook edit failed: {r.Body?.ToJsonString()}");
                return r.Body as JsonObject;
            }
            finally { m.UserEditing = false; }
        }
    }

    public void Seed(int seed) { lock (_faultLock) _random = new Random(seed); }

    private double NextRandom() { lock (_faultLock) return _random.NextDouble(); }

    private async Task HandleHttp(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var pathAndQuery = path + http.Request.QueryString.Value;
        JsonObject? body = null;
        BatchBodies? bodies = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            // A body that is not one JSON value (or names a property twice) is refused as Graph refuses a malformed
            // request: 400 BadRequest (https://learn.microsoft.com/en-us/graph/errors, "400 Bad Request").
            try
            {
                var (node, raw) = await ReadRequestAsync(http.Request.BodyReader, path.EndsWith("/$batch", StringComparison.Ordinal), http.RequestAborted);
                (body, bodies) = (node as JsonObject, raw);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                await Write(http, Error(400, "BadRequest", "Unable to read JSON request payload: " + e.Message));
                return;
            }
        }
        var mailboxes = MailboxesOf(path, body).Select(Mailbox).Distinct().ToList();
        foreach (var m in mailboxes) Interlocked.Increment(ref m.HttpCalls);
        var instance = InstanceOf(http);
        if (instance is not null && DeadInstances.ContainsKey(instance))
        {
            http.Abort();
            return;
        }
        var writer = instance is not null && IsWrite(http.Request.Method, path, body) ? instance : null;
        if (writer is not null) foreach (var m in mailboxes) EnterWriter(m, writer);
        try { await HandleCoreAsync(http, path, pathAndQuery, body, bodies, mailboxes); }
        finally { if (writer is not null) foreach (var m in mailboxes) lock (m.Sync) m.WritersInFlight[writer]--; }
    }

    private void EnterWriter(GraphMailbox m, string writer)
    {
        lock (m.Sync)
        {
            var others = m.WritersInFlight.Where(w => w.Key != writer && w.Value > 0).Select(w => w.Key).ToList();
            if (others.Count > 0)
            {
                Interlocked.Increment(ref WriterOverlaps);
                OverlapLog.Enqueue($"{m.Upn}: {writer} wrote while {string.Join(", ", others)} was writing");
            }
            m.WritersInFlight[writer] = m.WritersInFlight.GetValueOrDefault(writer) + 1;
            m.WrittenBy.Add(writer);
        }
    }

    private static string? InstanceOf(HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        var at = agent.IndexOf("(instance ", StringComparison.Ordinal);
        if (at < 0) return null;
        var end = agent.IndexOf(')', at);
        return end < 0 ? null : agent[(at + 10)..end];
    }

    private static bool IsWrite(string method, string path, JsonObject? body) =>
        path.EndsWith("/$batch", StringComparison.Ordinal)
            ? (body?["requests"] as JsonArray ?? []).Any(r => !string.Equals((string?)r?["method"], "GET", StringComparison.OrdinalIgnoreCase))
            : !HttpMethods.IsGet(method);

    private async Task HandleCoreAsync(HttpContext http, string path, string pathAndQuery, JsonObject? body, BatchBodies? bodies, List<GraphMailbox> mailboxes)
    {

        // A test's kill switch: the worker process dies here (its connection drops, maybe after the work was done).
        if (KillSwitch?.Invoke() == true)
        {
            if (NextRandom() < 0.5) Dispatch(http.Request.Method, pathAndQuery, body, PreferOf(http));
            http.Abort();
            return;
        }
        var roll = FaultRate > 0 ? NextRandom() : 1;
        if (roll < FaultRate)
        {
            Interlocked.Increment(ref InjectedFaults);
            var kind = (int)(roll / FaultRate * 3);
            if (kind == 2)
            {
                // A dropped connection, half of the time after the work was done (the client cannot know which).
                if (NextRandom() < 0.5) Dispatch(http.Request.Method, pathAndQuery, body, PreferOf(http));
                http.Abort();
                return;
            }
            await Write(http, kind == 0
                ? Error(429, "TooManyRequests", "Injected throttling.", retryAfter: 1)
                : Error(503, "ServiceUnavailable", "Injected outage.", retryAfter: 1));
            return;
        }

        // A mailbox the app may not reach (RBAC for Applications / application access policy): 403 on every request.
        // https://learn.microsoft.com/en-us/graph/auth-limit-mailbox-access
        if (mailboxes.FirstOrDefault(m => OutOfScope.Contains(m.Upn)) is { } barred)
        {
            await Write(http, Error(403, "ErrorAccessDenied", $"Access to {barred.Upn} is denied by the tenant's application access policy."));
            return;
        }
        if (Volatile.Read(ref ThrottleNextRequests) > 0 && Interlocked.Decrement(ref ThrottleNextRequests) >= 0)
        {
            foreach (var m in mailboxes) lock (m.Sync) m.Throttled++;
            await Write(http, Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", retryAfter: ThrottleNextRetryAfter));
            return;
        }
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            await Write(http, await BatchAsync(body, bodies));
            return;
        }
        await Write(http, await StepAsync(mailboxes.FirstOrDefault(), () => Dispatch(http.Request.Method, pathAndQuery, body, PreferOf(http))));
    }

    // One request against its mailbox: it holds one of the mailbox's 4 concurrent slots while Graph works on it; a fifth
    // concurrent request is refused with 429 (https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits).
    private async Task<GraphResponse> StepAsync(GraphMailbox? m, Func<GraphResponse> run)
    {
        var results = new GraphResponse?[1];
        await RunTogetherAsync([m], _ => run(), results);
        return results[0]!;
    }

    // Requests or batch steps that Graph works on at the same time: each takes one slot of its mailbox for the latency
    // (a step beyond the mailbox's 4 is refused with 429 at once and holds nothing), then runs. They start together and
    // take the same latency, so one timer serves them all; a step without a mailbox runs without waiting.
    private async Task RunTogetherAsync(GraphMailbox?[] boxes, Func<int, GraphResponse> run, GraphResponse?[] results)
    {
        var held = new bool[boxes.Length];
        try
        {
            var wait = false;
            for (var k = 0; k < boxes.Length; k++)
            {
                if (boxes[k] is not { } m) continue;
                if (Interlocked.Increment(ref m.InFlight) > MaxConcurrentPerMailbox)
                {
                    Interlocked.Decrement(ref m.InFlight);
                    Interlocked.Increment(ref ConcurrencyViolations);
                    lock (m.Sync) m.Throttled++;
                    results[k] = Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", retryAfter: 1);
                    continue;
                }
                held[k] = wait = true;
            }
            if (wait && Latency > TimeSpan.Zero) await Task.Delay(Latency);
            for (var k = 0; k < boxes.Length; k++) results[k] ??= run(k);
        }
        finally
        {
            for (var k = 0; k < boxes.Length; k++) if (held[k]) Interlocked.Decrement(ref boxes[k]!.InFlight);
        }
    }

    private static Prefer PreferOf(HttpContext http) => OutlookCrm.SyncWorker.Tests.GraphDouble.Prefer.Parse(string.Join(",", http.Request.Headers["Prefer"].ToArray()));

    private static IEnumerable<string> MailboxesOf(string path, JsonObject? body)
    {
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
            return (body?["requests"] as JsonArray ?? []).Select(r => UserOf((string?)r?["url"] ?? "")).OfType<string>();
        return UserOf(path) is { } u ? [u] : [];
    }

    // The mailbox a URL addresses: the segment after the first "users" (scanned in place: this runs for every batch step).
    internal static string? UserOf(string url)
    {
        var q = url.IndexOf('?');
        var rest = q < 0 ? url.AsSpan() : url.AsSpan(0, q);
        var afterUsers = false;
        while (rest.Length > 0)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[(slash + 1)..];
            if (segment.IsEmpty) continue;
            if (afterUsers) return Uri.UnescapeDataString(segment.ToString());
            afterUsers = segment.Equals("users", StringComparison.OrdinalIgnoreCase);
        }
        return null;
    }

    // Charges one request to the mailbox's budget; a 429 with Retry-After when the bucket is empty.
    private GraphResponse? Charge(GraphMailbox m)
    {
        lock (m.Sync)
        {
            if (m.UserEditing) return null;
            m.Requests++;
            if (ThrottleRatePerSecond is not { } rate) return AppCharge(m) ?? Accept(m);
            var now = DateTime.UtcNow;
            m.Tokens = Math.Min(ThrottleBurst, (m.Tokens == double.MaxValue ? ThrottleBurst : m.Tokens) + (now - m.LastRefill).TotalSeconds * rate);
            m.LastRefill = now;
            if (m.Tokens >= 1) return AppCharge(m) ?? Accept(m);
            m.Throttled++;
            return Error(429, "ApplicationThrottled", "Application is over its MailboxRequests limit.",
                retryAfter: Math.Clamp((int)Math.Ceiling((1 - m.Tokens) / rate), 1, 120));
        }
    }

    private static GraphResponse? Accept(GraphMailbox m)
    {
        if (m.Tokens != double.MaxValue) m.Tokens--;
        m.Accepted++;
        return null;
    }

    // The app-wide bucket (when set), charged only for a request the mailbox's own budget lets through.
    private GraphResponse? AppCharge(GraphMailbox m)
    {
        if (AppRatePerSecond is not { } rate) return null;
        lock (_appLock)
        {
            var now = DateTime.UtcNow;
            _appTokens = Math.Min(AppBurst, (_appTokens == double.MaxValue ? AppBurst : _appTokens) + (now - _appRefill).TotalSeconds * rate);
            _appRefill = now;
            if (_appTokens >= 1) { _appTokens--; return null; }
            m.Throttled++;
            AppThrottled++;
            return Error(429, "ApplicationThrottled", "Application is over its global limit.",
                retryAfter: Math.Clamp((int)Math.Ceiling((1 - _appTokens) / rate), 1, 120));
        }
    }

    internal static GraphResponse Error(int status, string code, string message, int? retryAfter = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } },
            retryAfter is { } s ? new() { ["Retry-After"] = s.ToString(CultureInfo.InvariantCulture) } : null);

    private static async Task Write(HttpContext http, GraphResponse response)
    {
        http.Response.StatusCode = response.Status;
        foreach (var (k, v) in response.Headers ?? []) http.Response.Headers[k] = v;
        if (!response.HasBody) return;
        http.Response.ContentType = "application/json; odata.metadata=minimal";
        // Written as UTF-8 straight into the response pipe (no intermediate string of the whole answer).
        if (response.Utf8 is { } utf8)
        {
            http.Response.ContentLength = utf8.Length;
            await http.Response.BodyWriter.WriteAsync(utf8);
        }
        else
        {
            using (var json = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions)) response.WriteBody(json);
            await http.Response.BodyWriter.FlushAsync();
        }
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

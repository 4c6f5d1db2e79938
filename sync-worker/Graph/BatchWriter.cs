using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace OutlookCrm.SyncWorker.Graph;

// Sends writes as JSON batches of up to 20, one batch in flight per mailbox: Graph runs up to 4 of its steps at once,
// which is the mailbox's whole concurrency budget. Steps throttled inside a batch are resent after their own
// Retry-After; after a dropped connection the creates of that batch are looked up by CRM key first, so a create is
// never sent twice. The batch is written and its answer read with System.Text.Json directly: building and serializing
// the Graph SDK's models (each with its backing store) for every step was most of the worker's CPU in a first sync.
public sealed class BatchWriter(GraphServiceClient graph, GraphMailboxClient mailbox, string? folderId, int batchSize, int maxRounds)
{
    public sealed record Refusal(GraphWrite Write, int Status, string Reason);

    public sealed record Outcome(IReadOnlyDictionary<string, string> Created, IReadOnlyList<Refusal> Refused);

    public async Task<Outcome> ExecuteAsync(IReadOnlyList<GraphWrite> writes, CancellationToken ct)
    {
        var created = new ConcurrentDictionary<string, string>();
        var refused = new ConcurrentBag<Refusal>();
        var pending = writes.ToList();
        // Rounds that make progress are free; only rounds where nothing got through count against the limit.
        for (var stalled = 0; pending.Count > 0;)
        {
            if (stalled > maxRounds) throw new GraphWriteException($"{pending.Count} writes still refused after {maxRounds} rounds without progress.");
            var retry = new List<GraphWrite>();
            var wait = TimeSpan.Zero;
            foreach (var chunk in pending.Chunk(batchSize))
            {
                // Once the mailbox is throttled, the rest of the round waits too: sending it would only collect more 429s.
                if (wait > TimeSpan.Zero) { retry.AddRange(chunk); continue; }
                var (again, after) = await SendAsync(chunk, created, refused, ct);
                retry.AddRange(again);
                if (after > wait) wait = after;
            }
            stalled = retry.Count == pending.Count ? stalled + 1 : 0;
            pending = [.. retry.OrderBy(w => w.Action).ThenBy(w => w.Key, StringComparer.Ordinal)];
            if (pending.Count > 0) await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(200 << Math.Min(stalled, 6)), ct);
        }
        return new Outcome(created, [.. refused]);
    }

    private async Task<(List<GraphWrite> Retry, TimeSpan Wait)> SendAsync(GraphWrite[] chunk, ConcurrentDictionary<string, string> created,
        ConcurrentBag<Refusal> refused, CancellationToken ct)
    {
        Dictionary<string, StepAnswer> answers;
        try
        {
            answers = await PostAsync(chunk, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // The batch may or may not have been applied: updates and deletes are safe to resend, creates are looked up.
            var again = new List<GraphWrite>();
            foreach (var w in chunk)
            {
                if (w.Action == WriteAction.Create && await mailbox.FindByKeyAsync(w.Kind, folderId ?? "", w.Key, ct) is { } id) created[w.Key] = id;
                else again.Add(w);
            }
            return (again, TimeSpan.FromMilliseconds(500));
        }
        var retry = new List<GraphWrite>();
        var wait = TimeSpan.Zero;
        for (var i = 0; i < chunk.Length; i++)
        {
            var w = chunk[i];
            var answer = answers.GetValueOrDefault(StepId(i)) ?? new StepAnswer((int)HttpStatusCode.InternalServerError, null, null, null);
            var status = (HttpStatusCode)answer.Status;
            if (GraphThrottling.IsThrottle(status) || status == HttpStatusCode.InternalServerError)
            {
                if (GraphThrottling.RetryAfter(answer.RetryAfter) is { } after && after > wait) wait = after;
                if (MailboxScope.Current is { } scope) Interlocked.Increment(ref scope.Throttled);
                retry.Add(w);
            }
            else if (status == HttpStatusCode.NotFound && w.Action == WriteAction.Delete) { }
            else if ((int)status >= 400)
            {
                // Refused for a reason a retry will not fix: set aside (quarantined) by the caller, the rest goes on.
                refused.Add(new Refusal(w, (int)status, $"Graph {(int)status}: {answer.Error}"));
            }
            else if (w.Action == WriteAction.Create)
                created[w.Key] = answer.CreatedId ?? throw new GraphWriteException($"Graph created {w} without an id.");
        }
        return (retry, wait);
    }

    // One step's answer: what the writer needs of it, read straight from the batch response's JSON.
    private sealed record StepAnswer(int Status, string? RetryAfter, string? CreatedId, string? Error);

    private static string StepId(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    // The JSON batch (https://learn.microsoft.com/en-us/graph/json-batching) written directly: per step its id, method,
    // URL relative to the version, headers (its own Prefer: a header on the $batch request does not reach the steps;
    // Content-Type for a step with a body) and body. Sent through the SDK's request adapter, so authentication and
    // the handlers (throttling retries, the mailbox gate, the lease guard) are those of every other request.
    private async Task<Dictionary<string, StepAnswer>> PostAsync(GraphWrite[] chunk, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("requests");
            for (var i = 0; i < chunk.Length; i++) WriteStep(json, StepId(i), chunk[i]);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.Position = 0;
        var request = new RequestInformation { HttpMethod = Method.POST, UrlTemplate = "{+baseurl}/$batch" };
        request.Headers.Add("Accept", "application/json");
        request.SetStreamContent(buffer, "application/json");
        await using var stream = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, ct)
            ?? throw new GraphWriteException("Graph answered a batch without a body.");
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var answers = new Dictionary<string, StepAnswer>(chunk.Length);
        if (!doc.RootElement.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Array) return answers;
        foreach (var r in responses.EnumerateArray())
        {
            var id = r.TryGetProperty("id", out var i) ? i.GetString() : null;
            if (id is null) continue;
            var status = r.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : (int)HttpStatusCode.InternalServerError;
            string? retryAfter = null;
            if (r.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
                foreach (var h in headers.EnumerateObject())
                    if (h.Name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)) retryAfter = h.Value.ValueKind == JsonValueKind.Number ? h.Value.GetRawText() : h.Value.GetString();
            var body = r.TryGetProperty("body", out var b) ? b : default;
            string? createdId = null, error = null;
            if (status is >= 200 and < 300 && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var newId) && newId.ValueKind == JsonValueKind.String)
                createdId = newId.GetString();
            if (status >= 400) error = ErrorMessage(body);
            answers[id] = new StepAnswer(status, retryAfter, createdId, error);
        }
        return answers;
    }

    private void WriteStep(Utf8JsonWriter json, string id, GraphWrite w)
    {
        var user = "/users/" + Uri.EscapeDataString(mailbox.Upn);
        var (method, url) = (w.Kind, w.Action) switch
        {
            ("contact", WriteAction.Create) => ("POST", $"{user}/contactFolders/{Uri.EscapeDataString(folderId ?? "")}/contacts"),
            ("contact", WriteAction.Update) => ("PATCH", $"{user}/contacts/{Uri.EscapeDataString(w.GraphId!)}"),
            ("contact", WriteAction.Delete) => ("DELETE", $"{user}/contacts/{Uri.EscapeDataString(w.GraphId!)}"),
            ("event", WriteAction.Create) => ("POST", $"{user}/events"),
            ("event", WriteAction.Update) => ("PATCH", $"{user}/events/{Uri.EscapeDataString(w.GraphId!)}"),
            ("event", WriteAction.Delete) => ("DELETE", $"{user}/events/{Uri.EscapeDataString(w.GraphId!)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(w), w.Kind),
        };
        var hasBody = w.Action != WriteAction.Delete;
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("method", method);
        json.WriteString("url", url);
        json.WriteStartObject("headers");
        json.WriteString("Prefer", GraphPreferHandler.ImmutableId);
        if (hasBody) json.WriteString("Content-Type", "application/json");
        json.WriteEndObject();
        if (hasBody)
        {
            json.WritePropertyName("body");
            if (w.Contact is not null) w.Contact.WriteTo(json);
            else if (w.Event is not null) w.Event.WriteTo(json);
            else throw new ArgumentException($"{w} has no body.", nameof(w));
        }
        json.WriteEndObject();
    }

    private static string ErrorMessage(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            return $"{(error.TryGetProperty("code", out var c) ? c.GetString() : null)}: {(error.TryGetProperty("message", out var m) ? m.GetString() : null)}";
        var raw = body.ValueKind == JsonValueKind.Undefined ? "" : body.GetRawText();
        return raw.Length > 200 ? raw[..200] : raw;
    }
}

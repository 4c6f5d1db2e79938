using System.Collections.Concurrent;
using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace OutlookCrm.SyncWorker.Graph;

// Sends writes as JSON batches of up to 20, one batch in flight per mailbox: Graph runs up to 4 of its steps at once,
// which is the mailbox's whole concurrency budget. Steps throttled inside a batch are resent after their own
// Retry-After; after a dropped connection the creates of that batch are looked up by CRM key first, so a create is
// never sent twice.
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
        var batch = new BatchRequestContentCollection(graph, batchSize);
        var steps = new Dictionary<string, GraphWrite>();
        foreach (var w in chunk) steps[await batch.AddBatchRequestStepAsync(Request(w))] = w;
        BatchResponseContentCollection response;
        try
        {
            response = await graph.Batch.PostAsync(batch, ct);
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
        var codes = await response.GetResponsesStatusCodesAsync();
        foreach (var (stepId, w) in steps)
        {
            var status = codes.TryGetValue(stepId, out var s) ? s : HttpStatusCode.InternalServerError;
            if (GraphThrottling.IsThrottle(status) || status == HttpStatusCode.InternalServerError)
            {
                using var message = await response.GetResponseByIdAsync(stepId);
                if (message is not null && GraphThrottling.RetryAfter(message) is { } after && after > wait) wait = after;
                if (MailboxScope.Current is { } scope) Interlocked.Increment(ref scope.Throttled);
                retry.Add(w);
            }
            else if (status == HttpStatusCode.NotFound && w.Action == WriteAction.Delete) { }
            else if ((int)status >= 400)
            {
                // Refused for a reason a retry will not fix: set aside (quarantined) by the caller, the rest goes on.
                using var message = await response.GetResponseByIdAsync(stepId);
                var detail = message is null ? "" : await message.Content.ReadAsStringAsync(ct);
                refused.Add(new Refusal(w, (int)status, $"Graph {(int)status}: {ErrorMessage(detail)}"));
            }
            else if (w.Action == WriteAction.Create)
            {
                // Only the new item's id is needed: read from the step's JSON rather than deserialized into a whole Graph
                // model (a contact with its addresses and extended property, each with its own backing store).
                using var message = await response.GetResponseByIdAsync(stepId);
                created[w.Key] = (message is null ? null : await CreatedIdAsync(message, ct)) ?? throw new GraphWriteException($"Graph created {w} without an id.");
            }
        }
        return (retry, wait);
    }

    private static async Task<string?> CreatedIdAsync(HttpResponseMessage message, CancellationToken ct)
    {
        await using var body = await message.Content.ReadAsStreamAsync(ct);
        using var doc = await System.Text.Json.JsonDocument.ParseAsync(body, cancellationToken: ct);
        return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id)
            && id.ValueKind == System.Text.Json.JsonValueKind.String ? id.GetString() : null;
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            var error = doc.RootElement.GetProperty("error");
            return $"{error.GetProperty("code").GetString()}: {error.GetProperty("message").GetString()}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException) { return body.Length > 200 ? body[..200] : body; }
    }

    private RequestInformation Request(GraphWrite w)
    {
        var info = RequestOf(w);
        // Each step carries its own Prefer: a header on the $batch request does not reach the steps.
        info.Headers.Add("Prefer", GraphPreferHandler.ImmutableId);
        return info;
    }

    private RequestInformation RequestOf(GraphWrite w)
    {
        var user = graph.Users[mailbox.Upn];
        return (w.Kind, w.Action) switch
        {
            ("contact", WriteAction.Create) => user.ContactFolders[folderId].Contacts.ToPostRequestInformation(w.Contact!),
            ("contact", WriteAction.Update) => user.Contacts[w.GraphId].ToPatchRequestInformation(w.Contact!),
            ("contact", WriteAction.Delete) => user.Contacts[w.GraphId].ToDeleteRequestInformation(),
            ("event", WriteAction.Create) => user.Events.ToPostRequestInformation(w.Event!),
            ("event", WriteAction.Update) => user.Events[w.GraphId].ToPatchRequestInformation(w.Event!),
            ("event", WriteAction.Delete) => user.Events[w.GraphId].ToDeleteRequestInformation(),
            _ => throw new ArgumentOutOfRangeException(nameof(w), w.Kind),
        };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The routes the worker uses, each answered as Graph v1.0 documents it.
public sealed partial class GraphDouble
{
    // rawBody: a $batch step's object body as it came (ParseBatch); a create is written from it, anything else reads it as nodes.
    internal GraphResponse Dispatch(string method, string pathAndQuery, JsonObject? body, Prefer prefer, byte[]? rawBody = null)
    {
        var (path, query) = Split(pathAndQuery);
        // Kiota calls functions with parentheses (delta()); Graph accepts both spellings.
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < s.Length; i++) s[i] = Uri.UnescapeDataString(s[i]) is var x && x == "delta()" ? "delta" : x;
        if (s.Length > 0 && s[0] is "v1.0" or "beta") s = s[1..];
        if (s.Length < 2 || !s[0].Equals("users", StringComparison.OrdinalIgnoreCase))
            return Error(400, "BadRequest", $"Unsupported segment in {path}.");
        var m = Mailbox(s[1]);
        if (Charge(m) is { } throttled) return throttled;
        if (!prefer.ImmutableId && !m.UserEditing) Interlocked.Increment(ref m.RequestsWithoutImmutableId);
        var r = s[2..];
        if (!m.UserEditing) m.Kinds.AddOrUpdate(KindOf(method, r, query), 1, (_, n) => n + 1);
        if (rawBody is not null && (RefuseWrite is not null || !(method == "POST" && r is ["contactFolders", _, "contacts"] or ["contacts"] or ["events"] or ["calendar", "events"])))
            (body, rawBody) = ((JsonObject)ParseOwned(new System.Buffers.ReadOnlySequence<byte>(rawBody))!, null);
        lock (m.Sync)
        {
            // A test's refusal of one item (as Graph refuses an item it finds invalid, 400 ErrorInvalidRequest).
            if (!m.UserEditing && method is "POST" or "PATCH" && body is not null && RefuseWrite?.Invoke(body) is { } reason)
                return Error(400, "ErrorInvalidRequest", reason);
            return (method, r) switch
            {
                // Well-known folder names are accepted in place of ids: https://learn.microsoft.com/en-us/graph/api/resources/mailfolder
                ("GET", ["mailFolders", "deleteditems"]) => new(200, new JsonObject { ["id"] = DeletedItemsFolder, ["displayName"] = "Deleted Items" }),
                ("GET", ["contactFolders"]) => ListFolders(m, query),
                ("POST", ["contactFolders"]) => CreateFolder(m, body!),
                (_, ["contactFolders", var f, ..]) when !m.Folders.ContainsKey(f) => Error(404, "ErrorItemNotFound", "The specified folder could not be found in the store."),
                ("DELETE", ["contactFolders", var f]) => DeleteFolder(m, f),
                ("GET", ["contactFolders", var f, "contacts"]) => List(m, m.Contacts.Values.Where(c => InFolder(c, f)), query, prefer, pathAndQuery),
                ("POST", ["contactFolders", var f, "contacts"]) => CreateContact(m, f, body, rawBody, prefer),
                ("GET", ["contactFolders", var f, "contacts", "delta"]) => Delta(m, "contacts:" + f, null, query, prefer, path),
                // /contacts lists the default Contacts folder: https://learn.microsoft.com/en-us/graph/api/user-list-contacts
                ("GET", ["contacts"]) => List(m, m.Contacts.Values.Where(c => InFolder(c, DefaultFolder)), query, prefer, pathAndQuery),
                ("POST", ["contacts"]) => CreateContact(m, DefaultFolder, body, rawBody, prefer),
                ("GET", ["contacts", var id]) => Get(m.Contacts, id, query, prefer),
                ("PATCH", ["contacts", var id]) => Update(m, m.Contacts, "contact", id, body!, prefer),
                ("DELETE", ["contacts", var id]) => Delete(m, m.Contacts, "contacts", id),
                ("GET", ["events"]) => List(m, m.Events.Values, query, prefer, pathAndQuery),
                ("POST", ["events"] or ["calendar", "events"]) => CreateEvent(m, body, rawBody, prefer),
                ("GET", ["events", var id]) => Get(m.Events, id, query, prefer),
                ("PATCH", ["events", var id]) => Update(m, m.Events, "event", id, body!, prefer),
                ("DELETE", ["events", var id]) => Delete(m, m.Events, "events", id),
                ("GET", ["calendarView"]) => List(m, m.Events.Values.Where(e => Overlaps(e, Window(query))), query, prefer, pathAndQuery),
                ("GET", ["calendarView", "delta"]) => Delta(m, "events", query.ContainsKey("startDateTime") ? Window(query) : null, query, prefer, path),
                _ => Error(400, "BadRequest", $"{method} {path} is not implemented by the Graph test double."),
            };
        }
    }

    // A request's kind for the counters: "GET contactFolders/{id}/contacts/delta (delta link)" and the like.
    public static string KindOf(string method, string[] route, IReadOnlyDictionary<string, string> query)
    {
        var segments = new string[route.Length];
        for (var i = 0; i < route.Length; i++)
            segments[i] = i > 0 && route[i] != "delta" && route[i - 1] is "contactFolders" or "contacts" or "events" or "mailFolders" && route[i] != "deleteditems" ? "{id}" : route[i];
        var shape = string.Join('/', segments);
        var link = query.ContainsKey("$deltatoken") ? " (delta link)" : query.ContainsKey("$skiptoken") || query.ContainsKey("$skip") ? " (next link)"
            : route.LastOrDefault() == "delta" ? " (first round)" : "";
        return $"{method} {shape}{link}";
    }

    // The mailbox's default Contacts folder, where the rep's personal contacts live.
    public const string DefaultFolder = "contacts-default", DeletedItemsFolder = "deleteditems-folder";

    private static bool InFolder(GraphMailbox.Item c, string folderId) => c.ParentFolderId == folderId;

    // JSON batching (https://learn.microsoft.com/en-us/graph/json-batching): up to 20 steps with unique ids, each
    // answered on its own (a 200 batch may hold 429s, each with its own Retry-After). Graph dispatches up to four
    // steps at a time, and each running step holds one of its mailbox's 4 concurrent slots
    // (https://learn.microsoft.com/en-us/answers/questions/1660054/): a batch beside another request overflows.
    private async Task<GraphResponse> BatchAsync(JsonObject? body, BatchBodies? bodies)
    {
        if (body?["requests"] is not JsonArray array || array.Count == 0) return Error(400, "BadRequest", "Batch has no requests.");
        if (array.Count > 20) return Error(400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
        var requests = new List<JsonObject>(array.Count);
        var ids = new HashSet<string?>();
        var (unique, dependsOn) = (true, false);
        foreach (var node in array)
        {
            if (node is not JsonObject step) continue;
            requests.Add(step);
            unique &= ids.Add((string?)step["id"]);
            dependsOn |= step["dependsOn"] is not null;
        }
        if (requests.Count == 0) return Error(400, "BadRequest", "Batch has no requests.");
        if (!unique) return Error(400, "BadRequest", "Batch request ids must be unique.");
        if (dependsOn) return Error(400, "BadRequest", "dependsOn is not modelled by the Graph test double.");
        var steps = requests.Select(step =>
        {
            var url = (string?)step["url"] ?? "";
            var user = UserOf(url);
            return (Step: step, Url: url.StartsWith('/') ? url : "/" + url, Box: user is null ? null : Mailbox(user), Prefer: PreferOfStep(step));
        }).ToArray();
        var results = new GraphResponse?[steps.Length];
        for (var i = 0; i < steps.Length; i += 4)
        {
            var n = Math.Min(4, steps.Length - i);
            var (first, boxes, group) = (i, new GraphMailbox?[n], new GraphResponse?[n]);
            for (var k = 0; k < n; k++) boxes[k] = steps[i + k].Box;
            await RunTogetherAsync(boxes, k =>
            {
                var (step, url, _, prefer) = steps[first + k];
                return Dispatch((string?)step["method"] ?? "GET", url, step["body"] as JsonObject, prefer, bodies?.GetValueOrDefault(step));
            }, group);
            group.CopyTo(results, i);
        }
        // The answer written as JSON directly, each step's body as it was rendered.
        return new GraphResponse(200) { Utf8 = Utf8Of((steps, results), static (json, batch) =>
        {
            json.WriteStartObject();
            json.WriteStartArray("responses");
            for (var n = 0; n < batch.steps.Length; n++)
            {
                var r = batch.results[n]!;
                json.WriteStartObject();
                json.WriteString("id", (string?)batch.steps[n].Step["id"]);
                json.WriteNumber("status", r.Status);
                json.WriteStartObject("headers");
                if (r.Headers?.ContainsKey("Content-Type") != true) json.WriteString("Content-Type", "application/json");
                foreach (var (k, v) in r.Headers ?? []) json.WriteString(k, v);
                json.WriteEndObject();
                if (r.HasBody)
                {
                    json.WritePropertyName("body");
                    r.WriteBody(json);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }) };
    }

    // A step's own Prefer header (a header on the $batch request does not reach the steps).
    private static Prefer PreferOfStep(JsonObject step)
    {
        if (step["headers"] is JsonObject headers)
            foreach (var (name, value) in headers)
                if (name.Equals("Prefer", StringComparison.OrdinalIgnoreCase)) return OutlookCrm.SyncWorker.Tests.GraphDouble.Prefer.Parse(value?.ToString());
        return OutlookCrm.SyncWorker.Tests.GraphDouble.Prefer.Parse(null);
    }

    private static GraphResponse ListFolders(GraphMailbox m, Dictionary<string, string> query)
    {
        IEnumerable<JsonObject> folders = m.Folders.Values;
        if (query.TryGetValue("$filter", out var filter))
        {
            var name = GraphQuery.DisplayNameEquals(filter);
            if (name is null) return Error(400, "ErrorInvalidUrlQueryFilter", "Unsupported filter.");
            folders = folders.Where(f => string.Equals((string?)f["displayName"], name, StringComparison.OrdinalIgnoreCase));
        }
        return new(200, new JsonObject { ["value"] = new JsonArray(folders.Select(f => (JsonNode)f.DeepClone()).ToArray()) });
    }

    private static GraphResponse CreateFolder(GraphMailbox m, JsonObject body)
    {
        var name = (string?)body["displayName"];
        if (m.Folders.Values.Any(f => string.Equals((string?)f["displayName"], name, StringComparison.OrdinalIgnoreCase)))
            return Error(409, "ErrorFolderExists", "A folder with the specified name already exists.");
        var folder = new JsonObject { ["id"] = NewId("F"), ["displayName"] = name, ["parentFolderId"] = "contacts-root" };
        m.Folders[(string)folder["id"]!] = folder;
        m.Log($"POST contactFolder {name}");
        return new(201, folder.DeepClone());
    }

    // Deleting a folder deletes its contacts with it, as Outlook does.
    private static GraphResponse DeleteFolder(GraphMailbox m, string folderId)
    {
        foreach (var c in m.Contacts.Values.Where(c => InFolder(c, folderId)).ToList()) Delete(m, m.Contacts, "contacts", c.Id);
        m.Folders.Remove(folderId);
        m.Log("DELETE contactFolder");
        return new(204);
    }

    private static GraphResponse CreateContact(GraphMailbox m, string folderId, JsonObject? body, byte[]? rawBody, Prefer prefer)
    {
        if (folderId != DefaultFolder && !m.Folders.ContainsKey(folderId)) return Error(404, "ErrorItemNotFound", "The specified folder could not be found.");
        var item = (rawBody is null ? NewItem(body!, "contact", folderId) : NewItem(rawBody, "contact", folderId))!;
        item.Seq = m.Next();
        m.Contacts[item.Id] = item;
        m.Log($"POST contact {item.CrmKey}");
        return Rendered(201, item, prefer, "contact");
    }

    private static GraphResponse CreateEvent(GraphMailbox m, JsonObject? body, byte[]? rawBody, Prefer prefer)
    {
        if ((rawBody is null ? NewItem(body!, "event", null) : NewItem(rawBody, "event", null)) is not { } item) return Error(400, "ErrorInvalidTimeZone", "Unknown time zone.");
        item.Seq = m.Next();
        m.Events[item.Id] = item;
        m.Log($"POST event {item.CrmKey}");
        return Rendered(201, item, prefer, "event");
    }

    private static GraphResponse Rendered(int status, GraphMailbox.Item item, Prefer prefer, string kind, string? expandProperty = null) =>
        new(status) { Utf8 = Utf8Of((item, prefer, kind, expandProperty), static (json, r) => Render(r.item, r.prefer, r.kind, json, r.expandProperty)) };

    private static GraphResponse Get(Dictionary<string, GraphMailbox.Item> items, string id, Dictionary<string, string> query, Prefer prefer) =>
        GraphMailbox.Find(items, id) is { } item
            ? Rendered(200, item, prefer, items.Count > 0 && item.Id.StartsWith('E') ? "event" : "contact", GraphQuery.ExpandedProperty(query))
            : Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static GraphResponse Update(GraphMailbox m, Dictionary<string, GraphMailbox.Item> items, string kind, string id, JsonObject body, Prefer prefer)
    {
        if (GraphMailbox.Find(items, id) is not { } item) return Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        if (!m.UserEditing) lock (m.Patches) m.Patches.Add((kind, item.CrmKey, (JsonObject)body.DeepClone()));
        var zonesKnown = true;
        item.Edit(stored =>
        {
            foreach (var (k, v) in Clean(body))
            {
                if (k == "singleValueExtendedProperties") GraphQuery.MergeProperties(stored, v as JsonArray);
                // PATCH replaces each property it names; an explicit null clears it (a null body leaves an empty body).
                // https://learn.microsoft.com/en-us/graph/api/event-update (only the properties sent are changed)
                else if (k == "body" && v is null) stored[k] = new JsonObject { ["contentType"] = "html", ["content"] = "" };
                else stored[k] = v?.DeepClone();
            }
            Stamp(stored, kind);
            if (kind == "event") zonesKnown = SetTimes(item, stored);
        });
        if (!zonesKnown) return Error(400, "ErrorInvalidTimeZone", "Unknown time zone.");
        item.Seq = m.Next();
        m.Log($"PATCH {kind} {item.CrmKey}");
        return Rendered(200, item, prefer, kind);
    }

    private static GraphResponse Delete(GraphMailbox m, Dictionary<string, GraphMailbox.Item> items, string collection, string id)
    {
        if (GraphMailbox.Find(items, id) is not { } item) return Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        items.Remove(item.Id);
        var where = collection == "contacts" ? "contacts:" + item.ParentFolderId : "events";
        m.Removed.Add(new(item.Id, item.RestId, where, m.Next(), item.StartUtc, item.EndUtc));
        m.Log($"DELETE {collection[..^1]} {item.CrmKey}");
        return new(204);
    }

    private GraphResponse List(GraphMailbox m, IEnumerable<GraphMailbox.Item> items, Dictionary<string, string> query, Prefer prefer, string pathAndQuery)
    {
        if (query.TryGetValue("$filter", out var filter))
        {
            var (id, value) = GraphQuery.PropertyEquals(filter);
            if (id is null) return Error(400, "ErrorInvalidUrlQueryFilter", "Unsupported filter.");
            items = items.Where(i => GraphQuery.PropertyValue(i.Body, id) == value);
        }
        var top = query.TryGetValue("$top", out var t) ? Math.Min(int.Parse(t, CultureInfo.InvariantCulture), 1000) : prefer.PageSize ?? 10;
        var skip = query.TryGetValue("$skip", out var k) ? int.Parse(k, CultureInfo.InvariantCulture) : 0;
        var all = items.OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var page = all.Skip(skip).Take(top).ToList();
        var expand = GraphQuery.ExpandedProperty(query);
        var next = skip + top < all.Count
            ? BaseUrl.Replace("/v1.0", "") + GraphQuery.WithParameter(pathAndQuery, "$skip", (skip + top).ToString(CultureInfo.InvariantCulture))
            : null;
        return new(200) { Utf8 = Utf8Of((page, prefer, expand, next), static (json, p) =>
        {
            json.WriteStartObject();
            json.WriteStartArray("value");
            foreach (var i in p.page) Render(i, p.prefer, i.Id.StartsWith('E') ? "event" : "contact", json, p.expand);
            json.WriteEndArray();
            if (p.next is not null) json.WriteString("@odata.nextLink", p.next);
            json.WriteEndObject();
        }) };
    }

    // A URL without a query (every batch step of a first sync) shares one empty query, which nothing changes.
    private static readonly Dictionary<string, string> NoQuery = new(StringComparer.OrdinalIgnoreCase);

    private static (string Path, Dictionary<string, string> Query) Split(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?');
        if (q < 0) return (pathAndQuery, NoQuery);
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pathAndQuery[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return (pathAndQuery[..q], query);
    }
}

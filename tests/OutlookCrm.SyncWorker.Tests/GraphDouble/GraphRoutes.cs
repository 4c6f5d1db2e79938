using System.Globalization;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The routes the worker uses, each answered as Graph v1.0 documents it.
public sealed partial class GraphDouble
{
    internal GraphResponse Dispatch(string method, string pathAndQuery, JsonObject? body, Prefer prefer)
    {
        var (path, query) = Split(pathAndQuery);
        // Kiota calls functions with parentheses (delta()); Graph accepts both spellings.
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).Select(x => x == "delta()" ? "delta" : x).ToArray();
        if (s.Length > 0 && s[0] is "v1.0" or "beta") s = s[1..];
        if (s.Length < 2 || !s[0].Equals("users", StringComparison.OrdinalIgnoreCase))
            return Error(400, "BadRequest", $"Unsupported segment in {path}.");
        var m = Mailbox(s[1]);
        if (Charge(m) is { } throttled) return throttled;
        if (!prefer.ImmutableId && !m.UserEditing) Interlocked.Increment(ref m.RequestsWithoutImmutableId);
        var r = s[2..];
        if (!m.UserEditing) m.Kinds.AddOrUpdate(KindOf(method, r, query), 1, (_, n) => n + 1);
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
                ("POST", ["contactFolders", var f, "contacts"]) => CreateContact(m, f, body!, prefer),
                ("GET", ["contactFolders", var f, "contacts", "delta"]) => Delta(m, "contacts:" + f, null, query, prefer, path),
                // /contacts lists the default Contacts folder: https://learn.microsoft.com/en-us/graph/api/user-list-contacts
                ("GET", ["contacts"]) => List(m, m.Contacts.Values.Where(c => InFolder(c, DefaultFolder)), query, prefer, pathAndQuery),
                ("POST", ["contacts"]) => CreateContact(m, DefaultFolder, body!, prefer),
                ("GET", ["contacts", var id]) => Get(m.Contacts, id, query, prefer),
                ("PATCH", ["contacts", var id]) => Update(m, m.Contacts, "contact", id, body!, prefer),
                ("DELETE", ["contacts", var id]) => Delete(m, m.Contacts, "contacts", id),
                ("GET", ["events"]) => List(m, m.Events.Values, query, prefer, pathAndQuery),
                ("POST", ["events"] or ["calendar", "events"]) => CreateEvent(m, body!, prefer),
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
        var shape = string.Join('/', route.Select((seg, i) =>
            i > 0 && seg != "delta" && route[i - 1] is "contactFolders" or "contacts" or "events" or "mailFolders" && seg != "deleteditems" ? "{id}" : seg));
        var link = query.ContainsKey("$deltatoken") ? " (delta link)" : query.ContainsKey("$skiptoken") || query.ContainsKey("$skip") ? " (next link)"
            : route.LastOrDefault() == "delta" ? " (first round)" : "";
        return $"{method} {shape}{link}";
    }

    // The mailbox's default Contacts folder, where the rep's personal contacts live.
    public const string DefaultFolder = "contacts-default", DeletedItemsFolder = "deleteditems-folder";

    private static bool InFolder(GraphMailbox.Item c, string folderId) => (string?)c.Body["parentFolderId"] == folderId;

    // JSON batching (https://learn.microsoft.com/en-us/graph/json-batching): up to 20 steps with unique ids, each
    // answered on its own (a 200 batch may hold 429s, each with its own Retry-After). Graph dispatches up to four
    // steps at a time, and each running step holds one of its mailbox's 4 concurrent slots
    // (https://learn.microsoft.com/en-us/answers/questions/1660054/): a batch beside another request overflows.
    private async Task<GraphResponse> BatchAsync(JsonObject? body)
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
                return Dispatch((string?)step["method"] ?? "GET", url, step["body"] as JsonObject, prefer);
            }, group);
            group.CopyTo(results, i);
        }
        var answers = new JsonNode?[steps.Length];
        for (var n = 0; n < steps.Length; n++)
        {
            var r = results[n]!;
            var answer = new JsonObject { ["id"] = (string?)steps[n].Step["id"], ["status"] = r.Status };
            var h = new JsonObject { ["Content-Type"] = "application/json" };
            foreach (var (k, v) in r.Headers ?? []) h[k] = v;
            answer["headers"] = h;
            if (r.Body is not null) answer["body"] = r.Body;
            answers[n] = answer;
        }
        return new GraphResponse(200, new JsonObject { ["responses"] = new JsonArray(answers) });
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

    private static GraphResponse CreateContact(GraphMailbox m, string folderId, JsonObject body, Prefer prefer)
    {
        if (folderId != DefaultFolder && !m.Folders.ContainsKey(folderId)) return Error(404, "ErrorItemNotFound", "The specified folder could not be found.");
        var item = new GraphMailbox.Item(NewId("C"), Stamp(Clean(body), "contact"));
        item.Body["parentFolderId"] = folderId;
        item.Body["id"] = item.Id;
        item.Seq = m.Next();
        m.Contacts[item.Id] = item;
        m.Log($"POST contact {GraphQuery.CrmKey(item.Body)}");
        return new(201, Render(item, prefer, "contact"));
    }

    private static GraphResponse CreateEvent(GraphMailbox m, JsonObject body, Prefer prefer)
    {
        var item = new GraphMailbox.Item(NewId("E"), Stamp(Clean(body), "event"));
        item.Body["id"] = item.Id;
        item.Body["iCalUId"] ??= "040000008200E00074C5B7101A82E008" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        if (!SetTimes(item)) return Error(400, "ErrorInvalidTimeZone", "Unknown time zone.");
        item.Seq = m.Next();
        m.Events[item.Id] = item;
        m.Log($"POST event {GraphQuery.CrmKey(item.Body)}");
        return new(201, Render(item, prefer, "event"));
    }

    private static GraphResponse Get(Dictionary<string, GraphMailbox.Item> items, string id, Dictionary<string, string> query, Prefer prefer) =>
        GraphMailbox.Find(items, id) is { } item
            ? new(200, Render(item, prefer, items.Count > 0 && item.Id.StartsWith('E') ? "event" : "contact", GraphQuery.ExpandedProperty(query)))
            : Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static GraphResponse Update(GraphMailbox m, Dictionary<string, GraphMailbox.Item> items, string kind, string id, JsonObject body, Prefer prefer)
    {
        if (GraphMailbox.Find(items, id) is not { } item) return Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        if (!m.UserEditing) lock (m.Patches) m.Patches.Add((kind, GraphQuery.CrmKey(item.Body), (JsonObject)body.DeepClone()));
        foreach (var (k, v) in Clean(body))
        {
            if (k == "singleValueExtendedProperties") GraphQuery.MergeProperties(item.Body, v as JsonArray);
            // PATCH replaces each property it names; an explicit null clears it (a null body leaves an empty body).
            // https://learn.microsoft.com/en-us/graph/api/event-update (only the properties sent are changed)
            else if (k == "body" && v is null) item.Body[k] = new JsonObject { ["contentType"] = "html", ["content"] = "" };
            else item.Body[k] = v?.DeepClone();
        }
        Stamp(item.Body, kind);
        if (kind == "event" && !SetTimes(item)) return Error(400, "ErrorInvalidTimeZone", "Unknown time zone.");
        item.Seq = m.Next();
        m.Log($"PATCH {kind} {GraphQuery.CrmKey(item.Body)}");
        return new(200, Render(item, prefer, kind));
    }

    private static GraphResponse Delete(GraphMailbox m, Dictionary<string, GraphMailbox.Item> items, string collection, string id)
    {
        if (GraphMailbox.Find(items, id) is not { } item) return Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        items.Remove(item.Id);
        var where = collection == "contacts" ? "contacts:" + (string?)item.Body["parentFolderId"] : "events";
        m.Removed.Add(new(item.Id, item.RestId, where, m.Next(), item.StartUtc, item.EndUtc));
        m.Log($"DELETE {collection[..^1]} {GraphQuery.CrmKey(item.Body)}");
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
        var result = new JsonObject
        {
            ["value"] = new JsonArray(page.Select(i => (JsonNode)Render(i, prefer, i.Id.StartsWith('E') ? "event" : "contact", expand)).ToArray()),
        };
        if (skip + top < all.Count)
            result["@odata.nextLink"] = BaseUrl.Replace("/v1.0", "") + GraphQuery.WithParameter(pathAndQuery, "$skip", (skip + top).ToString(CultureInfo.InvariantCulture));
        return new(200, result);
    }

    private static (string Path, Dictionary<string, string> Query) Split(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?');
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (q < 0) return (pathAndQuery, query);
        foreach (var pair in pathAndQuery[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return (pathAndQuery[..q], query);
    }

    private static string NewId(string prefix) => prefix + "AAMkAG" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', '-').Replace('+', '_');

    // Read-only properties a client may echo back are ignored, as Graph ignores them.
    private static JsonObject Clean(JsonObject body)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in body)
            if (!ReadOnlyProperties.Contains(key)) copy[key] = Own(value);
        return copy;
    }

    private static readonly HashSet<string> ReadOnlyProperties =
        ["id", "changeKey", "@odata.etag", "@odata.type", "createdDateTime", "lastModifiedDateTime", "parentFolderId"];

    private static JsonObject Stamp(JsonObject body, string kind)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        body["createdDateTime"] ??= now;
        body["lastModifiedDateTime"] = now;
        body["changeKey"] = Guid.NewGuid().ToString("N")[..16];
        body["@odata.etag"] = $"W/\"{body["changeKey"]}\"";
        if (kind == "event")
        {
            body["categories"] ??= new JsonArray();
            // Exchange keeps event bodies as HTML: a text body comes back as HTML with its lines as <br>.
            // https://learn.microsoft.com/en-us/graph/outlook-calendar-concept-overview ; itemBody: https://learn.microsoft.com/en-us/graph/api/resources/itembody
            if (body["body"] is JsonObject b && ((string?)b["contentType"])?.Equals("text", StringComparison.OrdinalIgnoreCase) == true)
                body["body"] = new JsonObject
                {
                    ["contentType"] = "html",
                    ["content"] = "<html><body><div>" + System.Net.WebUtility.HtmlEncode((string?)b["content"] ?? "").Replace("\n", "<br>") + "</div></body></html>",
                };
        }
        return body;
    }
}

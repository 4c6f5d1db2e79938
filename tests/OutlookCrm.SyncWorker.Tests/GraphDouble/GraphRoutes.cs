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

    // Ids and change keys only need to be unique: 128 and 64 random bits from Random.Shared (Guid.NewGuid asks the
    // kernel for its bytes each time, ~1 % of a first sync's CPU with three per created event).
    private static string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return prefix + "AAMkAG" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('/', '-').Replace('+', '_');
    }

    internal static string NewChangeKeyValue() => Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);

    // A created item, serialized once as it is stored: the request's properties less the read-only ones (Clean), what
    // Graph stamps (Stamp), then where it lives and its id; an event's zones are those it was written in (SetTimes).
    // The same properties in the same order as Clean, Stamp and SetTimes give on a tree (Update still uses them), written
    // from the request's UTF-8 (a $batch step's body as it came, ParseBatch) without a tree in between. Null for an event
    // in an unknown time zone.
    internal static GraphMailbox.Item? NewItem(JsonObject body, string kind, string? folderId) =>
        NewItem(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions), kind, folderId);

    internal static GraphMailbox.Item? NewItem(byte[] body, string kind, string? folderId)
    {
        var isEvent = kind == "event";
        // First the values the others depend on: the CRM key (for the write log), an event's start and end.
        var (properties, start, end) = ((JsonNode?)null, (JsonNode?)null, (JsonNode?)null);
        var reader = new System.Text.Json.Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            throw new InvalidOperationException("A created item's body must be a JSON object.");
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var (isProperties, isStart, isEnd) = (reader.ValueTextEquals("singleValueExtendedProperties"u8),
                isEvent && reader.ValueTextEquals("start"u8), isEvent && reader.ValueTextEquals("end"u8));
            reader.Read();
            if (isProperties) properties = ValueAt(ref reader, body);
            else if (isStart) start = ValueAt(ref reader, body);
            else if (isEnd) end = ValueAt(ref reader, body);
            else reader.Skip();
        }
        var item = new GraphMailbox.Item(NewId(isEvent ? "E" : "C"), [], folderId,
            properties is null ? null : GraphQuery.CrmKey(new JsonObject { ["singleValueExtendedProperties"] = properties }));
        var (startZone, endZone) = ("", "");
        if (isEvent)
        {
            try
            {
                (var startUtc, startZone) = ToUtc(start as JsonObject);
                (var endUtc, endZone) = ToUtc(end as JsonObject);
                (item.StartUtc, item.EndUtc) = (startUtc, endUtc);
            }
            catch (TimeZoneNotFoundException) { return null; }
        }
        var (changeKey, now) = NewChangeKey();
        item.SetJson(Utf8Of((body, item, isEvent, folderId, startZone, endZone, changeKey, now), static (json, c) =>
        {
            var (categories, iCalUId, startZoneSet, endZoneSet) = (false, false, false, false);
            var reader = new System.Text.Json.Utf8JsonReader(c.body);
            reader.Read();
            json.WriteStartObject();
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                if (IsReadOnly(ref reader))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                WriteName(ref reader, json);
                if (c.isEvent)
                {
                    var (isCategories, isBody, isICalUId) = (reader.ValueTextEquals("categories"u8), reader.ValueTextEquals("body"u8), reader.ValueTextEquals("iCalUId"u8));
                    var (isStartZone, isEndZone) = (reader.ValueTextEquals("originalStartTimeZone"u8), reader.ValueTextEquals("originalEndTimeZone"u8));
                    reader.Read();
                    var isNull = reader.TokenType == System.Text.Json.JsonTokenType.Null;
                    if (isCategories) categories = true;
                    if (isICalUId) iCalUId = true;
                    if (isCategories && isNull) { json.WriteStartArray(); json.WriteEndArray(); continue; }
                    if (isICalUId && isNull) { json.WriteStringValue(NewICalUId()); continue; }
                    if (isStartZone || isEndZone)
                    {
                        (startZoneSet, endZoneSet) = (startZoneSet || isStartZone, endZoneSet || isEndZone);
                        reader.Skip();
                        json.WriteStringValue(isStartZone ? c.startZone : c.endZone);
                        continue;
                    }
                    if (isBody && reader.TokenType == System.Text.Json.JsonTokenType.StartObject)
                    {
                        var b = (JsonObject)ValueAt(ref reader, c.body)!;
                        WriteValue(json, IsText(b) ? HtmlBody(b) : b);
                        continue;
                    }
                }
                else reader.Read();
                CopyValue(ref reader, json);
            }
            json.WriteString("createdDateTime", c.now);
            json.WriteString("lastModifiedDateTime", c.now);
            json.WriteString("changeKey", c.changeKey);
            json.WriteString("@odata.etag", $"W/\"{c.changeKey}\"");
            if (c.isEvent)
            {
                if (!categories) { json.WriteStartArray("categories"); json.WriteEndArray(); }
                json.WriteString("id", c.item.Id);
                if (!iCalUId) json.WriteString("iCalUId", NewICalUId());
                if (!startZoneSet) json.WriteString("originalStartTimeZone", c.startZone);
                if (!endZoneSet) json.WriteString("originalEndTimeZone", c.endZone);
            }
            else
            {
                json.WriteString("parentFolderId", c.folderId);
                json.WriteString("id", c.item.Id);
            }
            json.WriteEndObject();
        }));
        return item;
    }

    private static bool IsReadOnly(ref System.Text.Json.Utf8JsonReader reader)
    {
        foreach (var name in ReadOnlyNames)
            if (reader.ValueTextEquals(name)) return true;
        return false;
    }

    private static string NewICalUId() => "040000008200E00074C5B7101A82E008" + Random.Shared.NextInt64().ToString("X16", CultureInfo.InvariantCulture)
        + Random.Shared.NextInt64().ToString("X16", CultureInfo.InvariantCulture);

    // Read-only properties a client may echo back are ignored, as Graph ignores them.
    private static JsonObject Clean(JsonObject body)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in body)
            if (!ReadOnlyProperties.Contains(key)) copy[key] = Own(value);
        return copy;
    }

    private static readonly string[] ReadOnlyPropertyList =
        ["id", "changeKey", "@odata.etag", "@odata.type", "createdDateTime", "lastModifiedDateTime", "parentFolderId"];

    private static readonly HashSet<string> ReadOnlyProperties = [.. ReadOnlyPropertyList];

    private static readonly byte[][] ReadOnlyNames = [.. ReadOnlyPropertyList.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static (string ChangeKey, string Now) NewChangeKey() =>
        (NewChangeKeyValue(), DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));

    private static JsonObject Stamp(JsonObject body, string kind)
    {
        var (changeKey, now) = NewChangeKey();
        body["createdDateTime"] ??= now;
        body["lastModifiedDateTime"] = now;
        body["changeKey"] = changeKey;
        body["@odata.etag"] = $"W/\"{changeKey}\"";
        if (kind == "event")
        {
            body["categories"] ??= new JsonArray();
            if (body["body"] is JsonObject b && IsText(b)) body["body"] = HtmlBody(b);
        }
        return body;
    }

    // Exchange keeps event bodies as HTML: a text body comes back as HTML with its lines as <br>.
    // https://learn.microsoft.com/en-us/graph/outlook-calendar-concept-overview ; itemBody: https://learn.microsoft.com/en-us/graph/api/resources/itembody
    private static bool IsText(JsonObject body) => ((string?)body["contentType"])?.Equals("text", StringComparison.OrdinalIgnoreCase) == true;

    private static JsonObject HtmlBody(JsonObject text) => new()
    {
        ["contentType"] = "html",
        ["content"] = "<html><body><div>" + System.Net.WebUtility.HtmlEncode((string?)text["content"] ?? "").Replace("\n", "<br>") + "</div></body></html>",
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// Stored items: how a created item is written and stamped, and how a stored item is answered.
public sealed partial class GraphDouble
{
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

    // A stored item as Graph returns it, written from its serialized form: its properties as stored but for the id (the
    // REST id without IdType="ImmutableId") and an event's start and end (in the zone asked for), extended properties
    // only when expanded ($expand=singleValueExtendedProperties($filter=id eq '…')), then its @odata.type.
    internal static void Render(GraphMailbox.Item item, Prefer prefer, string kind, Utf8JsonWriter json, string? expandProperty = null)
    {
        var zone = prefer.TimeZone;
        var stored = item.Json;
        var reader = new Utf8JsonReader(stored);
        reader.Read();
        var (propsStart, propsEnd) = (-1, -1);
        TimeZoneInfo? tz = null;
        json.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            var value = stored.AsSpan(start, (int)reader.BytesConsumed - start);
            if (name.SequenceEqual("singleValueExtendedProperties"u8)) { (propsStart, propsEnd) = (start, (int)reader.BytesConsumed); continue; }
            json.WritePropertyName(name);
            if (!prefer.ImmutableId && name.SequenceEqual("id"u8)) json.WriteStringValue(item.RestId);
            else if (kind == "event" && (name.SequenceEqual("start"u8) || name.SequenceEqual("end"u8)))
                WriteTime(json, name[0] == (byte)'s' ? item.StartUtc : item.EndUtc, tz ??= TimeZoneInfo.FindSystemTimeZoneById(zone ?? "UTC"), zone ?? "UTC");
            else json.WriteRawValue(value, skipInputValidation: true);
        }
        if (expandProperty is not null && propsStart >= 0 && stored[propsStart] == (byte)'[')
        {
            json.WriteStartArray("singleValueExtendedProperties");
            var props = new Utf8JsonReader(stored.AsSpan(propsStart, propsEnd - propsStart));
            props.Read();
            while (props.Read() && props.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)props.TokenStartIndex;
                var isObject = props.TokenType == JsonTokenType.StartObject;
                string? id = null;
                if (isObject)
                    while (props.Read() && props.TokenType == JsonTokenType.PropertyName)
                    {
                        var isId = props.ValueTextEquals("id"u8);
                        props.Read();
                        if (isId && props.TokenType == JsonTokenType.String) id = props.GetString();
                        props.Skip();
                    }
                else props.Skip();
                if (isObject && string.Equals(id, expandProperty, StringComparison.OrdinalIgnoreCase))
                    json.WriteRawValue(stored.AsSpan(propsStart + start, (int)props.BytesConsumed - start), skipInputValidation: true);
            }
            json.WriteEndArray();
        }
        json.WriteString("@odata.type", kind == "event" ? "#microsoft.graph.event" : "#microsoft.graph.contact");
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, DateTime utc, TimeZoneInfo tz, string name)
    {
        json.WriteStartObject();
        json.WriteString("dateTime", TimeZoneInfo.ConvertTimeFromUtc(utc, tz).ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        json.WriteString("timeZone", name);
        json.WriteEndObject();
    }
}

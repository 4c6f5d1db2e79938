using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.SyncWorker.Tests.GraphDouble;
using Double = OutlookCrm.SyncWorker.Tests.GraphDouble.GraphDouble;

namespace OutlookCrm.SyncWorker.Tests.Budget;

// The Graph double keeps created items as serialized UTF-8 and answers from it (GraphDouble.NewItem, Render), for the
// benchmark's CPU. It must store and answer exactly what it did when it kept JsonNode trees: the tree version is kept
// here as the reference (Clean, Stamp, SetTimes and Render as they were), and both must give the same JSON, property
// order included, once the values Graph generates (ids, change keys, times) are taken from the answer under test.
[TestClass]
public sealed class StoredItemTests
{
    private const string Key = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name OutlookCrmId";

    private static readonly string[] Contacts =
    [
        $$"""{"displayName":"Zoë \"Zo\" Martin","givenName":"Zoë","surname":null,"emailAddresses":[{"address":"z@x.example","name":"z@x.example"}],"businessAddress":{"street":"1 rue <b>","city":"Lyon"},"categories":["CRM client","CRM 🛠"],"singleValueExtendedProperties":[{"id":"{{Key}}","value":"contact:12"}]}""",
        // Read-only properties echoed back by a client are ignored; numbers are kept as written.
        """{"id":"forged","changeKey":"x","@odata.etag":"y","@odata.type":"#t","createdDateTime":"2001-01-01T00:00:00Z","lastModifiedDateTime":"z","parentFolderId":"elsewhere","displayName":"A","n":12,"dec":1.50,"exp":1e3,"t":true,"none":null}""",
        "{}",
        // Escaped text and names, numbers as Graph would keep them: the item is written from the request's UTF-8.
        """{"displayName":"\u00c9lodie \u0022E\u0022 \ud83d\ude00","\u006aobTitle":"Buyer\n\t","n":-0,"e":1E3,"big":9223372036854775807,"\u0069d":"forged","nested":{"x":[1,{"y":"\u00e9"}]}}""",
    ];

    private static readonly string[] Events =
    [
        $$"""{"subject":"Visit","body":{"contentType":"text","content":"Line 1\nLine <2> & more"},"start":{"dateTime":"2026-12-01T09:00:00","timeZone":"Europe/Paris"},"end":{"dateTime":"2026-12-01T10:00:00","timeZone":"Europe/Paris"},"location":{"displayName":"Lyon"},"categories":["CRM"],"singleValueExtendedProperties":[{"id":"String {00020329-0000-0000-C000-000000000046} Name Other","value":"x"},{"id":"{{Key}}","value":"activity:7"}]}""",
        // Null categories and iCalUId are given Graph's values in place; a sent zone is replaced by the one written in.
        """{"categories":null,"iCalUId":null,"originalStartTimeZone":"tzone://Microsoft/Custom","start":{"dateTime":"2026-12-01T09:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-12-01T09:30:00","timeZone":"UTC"},"body":{"contentType":"HTML","content":"<p>kept</p>"},"originalEndTimeZone":"x"}""",
        """{"iCalUId":"040000008200E00074C5B7101A82E00800000000","start":{"dateTime":"2026-12-01T23:30:00","timeZone":"Pacific Standard Time"},"end":{"dateTime":"2026-12-02T01:00:00","timeZone":"Pacific Standard Time"},"body":{"contentType":"text"}}""",
    ];

    private static readonly Prefer[] Prefers =
        [new(null, null, false), new(null, null, true), new("Europe/Paris", null, true), new("Pacific Standard Time", 50, false)];

    [TestMethod]
    public void AStoredContactAnswersAsTheTreeItReplacedDid()
    {
        foreach (var json in Contacts)
            foreach (var prefer in Prefers)
                foreach (var expand in new[] { null, Key, "String {00000000-0000-0000-0000-000000000000} Name None" })
                    Compare(json, "contact", prefer, expand);
    }

    [TestMethod]
    public void AStoredEventAnswersAsTheTreeItReplacedDid()
    {
        foreach (var json in Events)
            foreach (var prefer in Prefers)
                foreach (var expand in new[] { null, Key.ToUpperInvariant() })
                    Compare(json, "event", prefer, expand);
    }

    [TestMethod]
    public void AnEventInAnUnknownTimeZoneIsNotStored()
    {
        var body = (JsonObject)JsonNode.Parse("""{"start":{"dateTime":"2026-12-01T09:00:00","timeZone":"Nowhere/Nothing"},"end":{"dateTime":"2026-12-01T10:00:00","timeZone":"UTC"}}""")!;
        Assert.IsNull(Double.NewItem(body, "event", null));
    }

    [TestMethod]
    public void TheStoredTreeIsTheStoredJson()
    {
        var item = Double.NewItem((JsonObject)JsonNode.Parse(Events[0])!, "event", null)!;
        Assert.AreEqual("activity:7", item.CrmKey);
        Assert.AreEqual(System.Text.Encoding.UTF8.GetString(item.Json), item.Body.ToJsonString(Double.JsonOptions));
        item.Edit(b => b["subject"] = "Changed");
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(item.Json), "\"subject\":\"Changed\"");
    }

    private static void Compare(string json, string kind, Prefer prefer, string? expand)
    {
        var item = Double.NewItem(System.Text.Encoding.UTF8.GetBytes(json), kind, kind == "contact" ? "folder-1" : null)!;
        var actual = (JsonObject)JsonNode.Parse(Double.Utf8Of(0, (w, _) => Double.Render(item, prefer, kind, w, expand)))!;
        var stored = Reference.Create((JsonObject)JsonNode.Parse(json)!, kind, "folder-1", item.Id, out var start, out var end);
        Assert.AreEqual(item.StartUtc, start, json);
        Assert.AreEqual(item.EndUtc, end, json);
        // What Graph generates is taken from the answer under test.
        foreach (var generated in new[] { "changeKey", "@odata.etag", "createdDateTime", "lastModifiedDateTime" })
            stored[generated] = actual[generated]?.DeepClone();
        if (kind == "event" && JsonNode.Parse(json)!["iCalUId"] is null) stored["iCalUId"] = actual["iCalUId"]?.DeepClone();
        var expected = Reference.Render(stored, item.RestId, start, end, prefer, kind, expand);
        Assert.AreEqual(expected.ToJsonString(Double.JsonOptions), actual.ToJsonString(Double.JsonOptions), $"{json} / {prefer} / {expand}");
    }

    // The double's tree version, as it was before items were kept serialized (git 18809af, GraphRoutes.cs and GraphDelta.cs).
    private static class Reference
    {
        private static readonly HashSet<string> ReadOnly =
            ["id", "changeKey", "@odata.etag", "@odata.type", "createdDateTime", "lastModifiedDateTime", "parentFolderId"];

        public static JsonObject Create(JsonObject request, string kind, string folderId, string id, out DateTime start, out DateTime end)
        {
            var body = new JsonObject();
            foreach (var (k, v) in request)
                if (!ReadOnly.Contains(k)) body[k] = Double.Own(v);
            var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            body["createdDateTime"] ??= now;
            body["lastModifiedDateTime"] = now;
            body["changeKey"] = "0123456789abcdef";
            body["@odata.etag"] = $"W/\"{body["changeKey"]}\"";
            (start, end) = (default, default);
            if (kind == "event")
            {
                body["categories"] ??= new JsonArray();
                if (body["body"] is JsonObject b && ((string?)b["contentType"])?.Equals("text", StringComparison.OrdinalIgnoreCase) == true)
                    body["body"] = new JsonObject
                    {
                        ["contentType"] = "html",
                        ["content"] = "<html><body><div>" + System.Net.WebUtility.HtmlEncode((string?)b["content"] ?? "").Replace("\n", "<br>") + "</div></body></html>",
                    };
                body["id"] = id;
                body["iCalUId"] ??= "generated";
                (start, var startZone) = ToUtc((JsonObject)body["start"]!);
                (end, var endZone) = ToUtc((JsonObject)body["end"]!);
                body["originalStartTimeZone"] = startZone;
                body["originalEndTimeZone"] = endZone;
            }
            else
            {
                body["parentFolderId"] = folderId;
                body["id"] = id;
            }
            return body;
        }

        public static JsonObject Render(JsonObject stored, string restId, DateTime start, DateTime end, Prefer prefer, string kind, string? expand)
        {
            var zone = prefer.TimeZone;
            var body = new JsonObject();
            foreach (var (key, value) in stored)
                if (key != "singleValueExtendedProperties") body[key] = value?.DeepClone();
            if (!prefer.ImmutableId) body["id"] = restId;
            if (expand is not null && stored["singleValueExtendedProperties"] is JsonArray props)
                body["singleValueExtendedProperties"] = new JsonArray(props.OfType<JsonObject>()
                    .Where(p => string.Equals((string?)p["id"], expand, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonNode)p.DeepClone()).ToArray());
            if (kind == "event")
            {
                var tz = TimeZoneInfo.FindSystemTimeZoneById(zone ?? "UTC");
                body["start"] = Time(start, tz, zone ?? "UTC");
                body["end"] = Time(end, tz, zone ?? "UTC");
                body["@odata.type"] = "#microsoft.graph.event";
            }
            else body["@odata.type"] = "#microsoft.graph.contact";
            return body;
        }

        private static (DateTime, string) ToUtc(JsonObject value)
        {
            var zone = (string?)value["timeZone"] ?? "UTC";
            var local = DateTime.Parse((string)value["dateTime"]!, CultureInfo.InvariantCulture, DateTimeStyles.None);
            return (TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(zone)), zone);
        }

        private static JsonObject Time(DateTime utc, TimeZoneInfo tz, string name) => new()
        {
            ["dateTime"] = TimeZoneInfo.ConvertTimeFromUtc(utc, tz).ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ["timeZone"] = name,
        };
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// Delta queries: a first round lists the collection, later rounds list what changed since the delta token,
// a removed item as {"id", "@removed"}. Pages end in @odata.nextLink; the last one carries @odata.deltaLink.
public sealed partial class GraphDouble
{
    // Initial: the first round, which lists what exists (no removals); later rounds list changes since the token.
    private sealed record DeltaRound(string Mailbox, string Collection, (DateTime From, DateTime To)? Window, long FromSeq, long ToSeq, int Offset, bool Initial = false)
    {
        public DateTime Issued { get; init; } = DateTime.UtcNow;
    }

    private readonly ConcurrentDictionary<string, DeltaRound> _deltaRounds = new();

    public int DefaultDeltaPageSize { get; set; } = 100;

    private GraphResponse Delta(GraphMailbox m, string collection, (DateTime, DateTime)? window, Dictionary<string, string> query,
        Prefer prefer, string path)
    {
        DeltaRound round;
        if (query.TryGetValue("$skiptoken", out var skip) || query.TryGetValue("$deltatoken", out skip))
        {
            if (!_deltaRounds.TryGetValue(skip, out var known) || known.Mailbox != m.Upn || known.Collection != collection
                || (query.ContainsKey("$deltatoken") && DateTime.UtcNow - known.Issued > DeltaTokenLifetime))
                return Error(410, "syncStateNotFound", "The sync state generation is not found or has expired. Do a full resync.");
            // A test's fault on a delta or next link, once: any 4xx must lead the client to a full resync.
            if (DeltaLinkStatus is { } status)
            {
                DeltaLinkStatus = null;
                return Error(status, "BadRequest", "The delta link is not valid.");
            }
            if (query.ContainsKey("$deltatoken") && !m.UserEditing) m.DeltaPolls++;
            round = query.ContainsKey("$deltatoken") ? known with { FromSeq = known.ToSeq, ToSeq = m.Seq, Offset = 0, Initial = false } : known;
        }
        else round = new DeltaRound(m.Upn, collection, window, 0, m.Seq, 0, Initial: true);

        var entries = Changes(m, round, prefer.ImmutableId);
        var size = prefer.PageSize ?? DefaultDeltaPageSize;
        // Only the page's entries are rendered (the round's order is known without rendering every item for every page).
        var page = entries.Skip(round.Offset).Take(size).Select(render => render()).ToList();
        // The same item may come again on a later page of a round (https://learn.microsoft.com/en-us/graph/delta-query-overview):
        // the last item of the previous page is repeated.
        if (round.Offset > 0 && round.Offset <= entries.Count) page.Insert(0, entries[round.Offset - 1]());
        var result = new JsonObject { ["value"] = new JsonArray(page.Select(e => (JsonNode)e).ToArray()) };
        var token = Guid.NewGuid().ToString("N");
        var link = BaseUrl.Replace("/v1.0", "") + path;
        if (round.Offset + size < entries.Count)
        {
            _deltaRounds[token] = round with { Offset = round.Offset + size, Issued = DateTime.UtcNow };
            result["@odata.nextLink"] = link + "?$skiptoken=" + token;
        }
        else
        {
            _deltaRounds[token] = round with { Issued = DateTime.UtcNow };
            result["@odata.deltaLink"] = link + "?$deltatoken=" + token;
        }
        return new(200, result);
    }

    // The round's entries in change order, each rendered when its page is served (under the mailbox lock, like this listing).
    private static List<Func<JsonObject>> Changes(GraphMailbox m, DeltaRound round, bool immutable)
    {
        var isEvents = round.Collection == "events";
        var items = isEvents ? m.Events.Values : m.Contacts.Values.Where(c => "contacts:" + (string?)c.Body["parentFolderId"] == round.Collection);
        // An item outside the window is left out of a first round, and reported as removed afterwards.
        var changed = items.Where(i => i.Seq > round.FromSeq && i.Seq <= round.ToSeq && !(round.Initial && round.Window is { } w && !Overlaps(i, w)))
            .Select(i => (i.Seq, Render: (Func<JsonObject>)(() => round.Window is { } w && !Overlaps(i, w)
                ? Removed(immutable ? i.Id : i.RestId, "changed")
                : Render(i, new Prefer(null, null, immutable), isEvents ? "event" : "contact"))));
        var removed = round.Initial ? [] : m.Removed
            .Where(r => r.Collection == round.Collection && r.Seq > round.FromSeq && r.Seq <= round.ToSeq)
            .Select(r => (r.Seq, Render: (Func<JsonObject>)(() => Removed(immutable ? r.Id : r.RestId, r.Reason))));
        return changed.Concat(removed).OrderBy(e => e.Seq).Select(e => e.Render).ToList();
    }

    private static JsonObject Removed(string id, string reason) =>
        new() { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = reason } };

    private static (DateTime From, DateTime To) Window(Dictionary<string, string> query) =>
        (ParseUtc(query.GetValueOrDefault("startDateTime")), ParseUtc(query.GetValueOrDefault("endDateTime")));

    private static DateTime ParseUtc(string? s) => s is null ? DateTime.MinValue
        : DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static bool Overlaps(GraphMailbox.Item e, (DateTime From, DateTime To) w) => e.StartUtc < w.To && e.EndUtc > w.From;

    // Events keep the zone they were written in (originalStartTimeZone); start/end are returned in UTC unless
    // the client asks for a zone with Prefer: outlook.timezone, as Graph does.
    private static bool SetTimes(GraphMailbox.Item item)
    {
        try
        {
            (item.StartUtc, var startZone) = ToUtc(item.Body["start"] as JsonObject);
            (item.EndUtc, var endZone) = ToUtc(item.Body["end"] as JsonObject);
            item.Body["originalStartTimeZone"] = startZone;
            item.Body["originalEndTimeZone"] = endZone;
            return true;
        }
        catch (TimeZoneNotFoundException) { return false; }
    }

    private static (DateTime, string) ToUtc(JsonObject? value)
    {
        var zone = (string?)value?["timeZone"] ?? "UTC";
        var local = DateTime.Parse((string?)value?["dateTime"] ?? throw new FormatException("dateTime is required."), CultureInfo.InvariantCulture, DateTimeStyles.None);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        return (TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), tz), zone);
    }

    internal static JsonObject Render(GraphMailbox.Item item, Prefer prefer, string kind, string? expandProperty = null)
    {
        var zone = prefer.TimeZone;
        // Extended properties come back only when expanded ($expand=singleValueExtendedProperties($filter=id eq '…')).
        var body = new JsonObject();
        foreach (var (key, value) in item.Body)
            if (key != "singleValueExtendedProperties") body[key] = value?.DeepClone();
        // Without IdType="ImmutableId" the id is the item's current REST id, which a move changes.
        if (!prefer.ImmutableId) body["id"] = item.RestId;
        var props = item.Body["singleValueExtendedProperties"] as JsonArray;
        if (expandProperty is not null && props is not null)
            body["singleValueExtendedProperties"] = new JsonArray(props.OfType<JsonObject>()
                .Where(p => string.Equals((string?)p["id"], expandProperty, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonNode)p.DeepClone()).ToArray());
        if (kind == "event")
        {
            var tz = TimeZoneInfo.FindSystemTimeZoneById(zone ?? "UTC");
            body["start"] = Time(item.StartUtc, tz, zone ?? "UTC");
            body["end"] = Time(item.EndUtc, tz, zone ?? "UTC");
            body["@odata.type"] = "#microsoft.graph.event";
        }
        else body["@odata.type"] = "#microsoft.graph.contact";
        return body;
    }

    private static JsonObject Time(DateTime utc, TimeZoneInfo tz, string name) => new()
    {
        ["dateTime"] = TimeZoneInfo.ConvertTimeFromUtc(utc, tz).ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = name,
    };
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
        var page = entries.Skip(round.Offset).Take(size).ToList();
        // The same item may come again on a later page of a round (https://learn.microsoft.com/en-us/graph/delta-query-overview):
        // the last item of the previous page is repeated.
        if (round.Offset > 0 && round.Offset <= entries.Count) page.Insert(0, entries[round.Offset - 1]);
        var token = Guid.NewGuid().ToString("N");
        var link = BaseUrl.Replace("/v1.0", "") + path;
        var more = round.Offset + size < entries.Count;
        _deltaRounds[token] = more ? round with { Offset = round.Offset + size, Issued = DateTime.UtcNow } : round with { Issued = DateTime.UtcNow };
        var (linkName, linkValue) = more ? ("@odata.nextLink", link + "?$skiptoken=" + token) : ("@odata.deltaLink", link + "?$deltatoken=" + token);
        return new(200) { Utf8 = Utf8Of((page, linkName, linkValue), static (json, p) =>
        {
            json.WriteStartObject();
            json.WriteStartArray("value");
            foreach (var render in p.page) render(json);
            json.WriteEndArray();
            json.WriteString(p.linkName, p.linkValue);
            json.WriteEndObject();
        }) };
    }

    // The round's entries in change order, each rendered when its page is served (under the mailbox lock, like this listing).
    private static List<Action<System.Text.Json.Utf8JsonWriter>> Changes(GraphMailbox m, DeltaRound round, bool immutable)
    {
        var isEvents = round.Collection == "events";
        var folder = isEvents ? "" : round.Collection["contacts:".Length..];
        var items = isEvents ? m.Events.Values : m.Contacts.Values.Where(c => c.ParentFolderId == folder);
        var prefer = new Prefer(null, null, immutable);
        // An item outside the window is left out of a first round, and reported as removed afterwards.
        var changed = items.Where(i => i.Seq > round.FromSeq && i.Seq <= round.ToSeq && !(round.Initial && round.Window is { } w && !Overlaps(i, w)))
            .Select(i => (i.Seq, Render: (Action<System.Text.Json.Utf8JsonWriter>)(json =>
            {
                if (round.Window is { } w && !Overlaps(i, w)) Removed(json, immutable ? i.Id : i.RestId, "changed");
                else Render(i, prefer, isEvents ? "event" : "contact", json);
            })));
        var removed = round.Initial ? [] : m.Removed
            .Where(r => r.Collection == round.Collection && r.Seq > round.FromSeq && r.Seq <= round.ToSeq)
            .Select(r => (r.Seq, Render: (Action<System.Text.Json.Utf8JsonWriter>)(json => Removed(json, immutable ? r.Id : r.RestId, r.Reason))));
        return changed.Concat(removed).OrderBy(e => e.Seq).Select(e => e.Render).ToList();
    }

    private static void Removed(System.Text.Json.Utf8JsonWriter json, string id, string reason)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteStartObject("@removed");
        json.WriteString("reason", reason);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static (DateTime From, DateTime To) Window(Dictionary<string, string> query) =>
        (ParseUtc(query.GetValueOrDefault("startDateTime")), ParseUtc(query.GetValueOrDefault("endDateTime")));

    private static DateTime ParseUtc(string? s) => s is null ? DateTime.MinValue
        : DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static bool Overlaps(GraphMailbox.Item e, (DateTime From, DateTime To) w) => e.StartUtc < w.To && e.EndUtc > w.From;

    // Events keep the zone they were written in (originalStartTimeZone); start/end are returned in UTC unless
    // the client asks for a zone with Prefer: outlook.timezone, as Graph does.
    private static bool SetTimes(GraphMailbox.Item item, JsonObject body)
    {
        try
        {
            (item.StartUtc, var startZone) = ToUtc(body["start"] as JsonObject);
            (item.EndUtc, var endZone) = ToUtc(body["end"] as JsonObject);
            body["originalStartTimeZone"] = startZone;
            body["originalEndTimeZone"] = endZone;
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
}

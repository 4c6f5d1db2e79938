using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using OutlookCrm.SyncWorker.Crm;
using Mailbox = OutlookCrm.SyncWorker.Crm.Mailbox;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// Planned CRM activities ↔ the rep's calendar. CRM → Outlook: events follow activities in a window ahead.
// Outlook → CRM: an event tagged "CRM" becomes an activity; one tagged "CRM: done" is closed through the API,
// which refuses without a note — then the event shows "CRM: note required".
public sealed class CalendarSync(CrmClient crm, GraphServiceClient? graph, StateStore store, IOptions<SyncOptions> options, ILogger<CalendarSync> log)
{
    public const string Loop = "calendar";

    public async Task<CycleReport> RunAsync(Mailbox mailbox, MailboxScope scope, CancellationToken ct)
    {
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        var state = await store.LoadAsync<CalendarState>(Loop, mailbox.UserId, ct);
        var box = graph is null ? null : new GraphMailboxClient(graph, mailbox.Upn);
        var day = WindowDay(mailbox.Upn, DateTime.UtcNow);
        var (from, to) = (day.AddDays(-o.CalendarDaysBack), day.AddDays(o.CalendarDaysAhead + 1));
        var plan = new Dictionary<string, GraphWrite>();

        var full = state.Dirty || state.DeltaLink is null || state.Cursor == 0 || state.WindowStart != from || box is null;
        List<Event> outlook = [];
        string? deltaLink = null;
        if (!full)
        {
            try { (outlook, deltaLink) = await box!.EventDeltaAsync(from, to, state.DeltaLink, ct); }
            catch (DeltaExpiredException e)
            {
                log.LogWarning("{Mailbox} calendar: delta state lost ({Reason}); full resync, matched by CRM id", mailbox.Upn, e.Message);
                full = true;
            }
        }
        var items = full ? new Dictionary<string, EventItem>() : new Dictionary<string, EventItem>(state.Items);
        var quarantine = new Dictionary<string, QuarantineEntry>(state.Quarantine);
        var actualKeys = new Dictionary<string, string>();
        if (full && box is not null)
        {
            outlook = await box.ListCalendarAsync(from, to, ct);
            deltaLink = (await box.EventDeltaAsync(from, to, null, ct)).DeltaLink;
            foreach (var e in outlook)
                if (CrmIdProperty.Read(e.SingleValueExtendedProperties) is { } key && !actualKeys.TryAdd(key, e.Id!))
                    plan[key + "#" + e.Id] = new GraphWrite(WriteAction.Delete, "event", key, e.Subject ?? "", e.Id);
            // What the state knew of items still there keeps their hashes: a new day's window rewrites nothing.
            foreach (var (key, graphId) in actualKeys)
                if (state.Items.TryGetValue(key, out var known) && known.GraphId == graphId) items[key] = known;
        }

        // Outlook → CRM first, so an activity closed here is mirrored back by the feed read below.
        var byGraphId = items.ToDictionary(i => i.Value.GraphId, i => i.Key);
        // The events seen this cycle by CRM key: an update is computed against them, and their categories are kept.
        var seen = new Dictionary<string, Event>();
        if (full) foreach (var e in outlook) if (CrmIdProperty.Read(e.SingleValueExtendedProperties) is { } k && actualKeys.GetValueOrDefault(k) == e.Id) seen[k] = e;
        var outlookSide = new OutlookActivities(crm, mailbox, o.DryRun || box is null, log);
        // A CRM event deleted in Outlook is forgotten; it comes back when its activity next changes in the CRM.
        foreach (var e in outlook.Where(e => e.Id is not null && GraphMailboxClient.IsRemoved(e) && byGraphId.ContainsKey(e.Id)))
            items.Remove(byGraphId[e.Id!]);
        foreach (var e in outlook.Where(e => e.Id is not null && !GraphMailboxClient.IsRemoved(e)))
        {
            var key = CrmIdProperty.Read(e.SingleValueExtendedProperties) ?? byGraphId.GetValueOrDefault(e.Id!);
            if (key is not null)
            {
                seen[key] = e;
                if (items.TryGetValue(key, out var known)) items[key] = known with { Categories = e.Categories ?? [] };
            }
            // An item the CRM refuses is set aside until the rep changes it; the other items go on.
            var outlookKey = "outlook:" + e.Id;
            if (quarantine.Holds(outlookKey, e.ChangeKey ?? "")) continue;
            try
            {
                // A recurring series comes as occurrences and exceptions, each with its own iCalUId. None is ever written
                // to (a write detaches an occurrence from its series); a tagged series is not a planned activity per
                // occurrence; an occurrence the rep marks "CRM: done" is logged once as a done activity (idempotent by iCalUId).
                if (e.Type is EventType.Occurrence or EventType.Exception or EventType.SeriesMaster)
                {
                    if (key is null && e.Type != EventType.SeriesMaster && e.Categories?.Contains(EventFields.DoneCategory) == true
                        && !state.DoneOccurrences.ContainsKey(e.Id!) && await outlookSide.ImportAsync(e, ct, done: true) is { } logged)
                        state.DoneOccurrences[e.Id!] = logged.Id;
                    quarantine.Remove(outlookKey);
                    continue;
                }
                if (key is null && e.Categories?.Any(c => c.StartsWith(EventFields.Category, StringComparison.OrdinalIgnoreCase)) == true
                    && await outlookSide.ImportAsync(e, ct) is { } imported)
                {
                    key = $"activity:{imported.Id}";
                    items[key] = new EventItem(e.Id!, imported.Id, EventFields.From(imported).Hash(), EventFields.From(imported), e.Categories ?? []);
                    actualKeys[key] = e.Id!;
                    plan[key] = new GraphWrite(WriteAction.Update, "event", key, e.Subject ?? "", e.Id,
                        Event: new EventBody { CrmKey = key });
                }
                if (key is not null && e.Categories?.Contains(EventFields.DoneCategory) == true)
                {
                    var id = long.Parse(key["activity:".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    if (await outlookSide.CloseAsync(id, e, ct) == false && !e.Categories.Contains(EventFields.NoteRequiredCategory))
                        plan[key] = new GraphWrite(WriteAction.Update, "event", key, e.Subject ?? "", e.Id,
                            Event: new EventBody { Categories = [.. e.Categories, EventFields.NoteRequiredCategory] });
                }
                quarantine.Remove(outlookKey);
            }
            catch (Exception refused) when (Quarantine.IsRefusal(refused))
            {
                quarantine[outlookKey] = new QuarantineEntry($"\"{e.Subject}\": {refused.Message}", e.ChangeKey ?? "", DateTimeOffset.UtcNow);
                log.LogWarning("{Mailbox} calendar: event \"{Subject}\" set aside, retried when it changes: {Reason}", mailbox.Upn, e.Subject, refused.Message);
            }
        }
        // Items set aside that Outlook no longer has are forgotten.
        if (full) foreach (var k in quarantine.Keys.Where(k => k.StartsWith("outlook:", StringComparison.Ordinal) && !outlook.Any(e => "outlook:" + e.Id == k)).ToList()) quarantine.Remove(k);

        // CRM → Outlook.
        var (activities, removed, cursor) = await ReadFeedAsync(mailbox.UserId, full ? 0 : state.Cursor, ct);
        var desiredKeys = new HashSet<string>();
        foreach (var a in activities.Values)
        {
            var key = $"activity:{a.Id}";
            var wanted = a.Status != "Cancelled" && a.StartUtc < to && (a.EndUtc ?? a.StartUtc) >= from;
            var graphId = items.TryGetValue(key, out var have) ? have.GraphId : actualKeys.GetValueOrDefault(key);
            if (quarantine.Holds(key, wanted ? EventFields.From(a).Hash() : "delete")) continue; // refused as it is: retried once it changes
            if (!wanted)
            {
                if (graphId is not null) plan[key] = new GraphWrite(WriteAction.Delete, "event", key, a.Subject, graphId);
                items.Remove(key);
                continue;
            }
            desiredKeys.Add(key);
            var fields = EventFields.From(a);
            var hash = fields.Hash();
            if (graphId is null && a.OutlookEventId is { } linked && box is not null && await box.GetEventAsync(linked, ct) is { Id: not null } existing)
                (graphId, seen[key]) = (existing.Id, existing); // logged from an existing appointment (add-in): adopt it, never duplicate it
            if (graphId is null)
            {
                plan[key] = new GraphWrite(WriteAction.Create, "event", key, a.Subject, null, Event: fields.ToGraph(key, a.Details));
                items[key] = new EventItem("", a.Id, hash, fields, fields.Categories);
                continue;
            }
            if (have?.Hash == hash) continue; // unchanged: nothing to write
            // Against what the CRM last wrote, else (state lost, adopted item) against what Outlook shows.
            var baseline = have?.Fields ?? (seen.TryGetValue(key, out var shown) ? EventFields.FromGraph(shown, a.TimeZone) : null);
            var pending = plan.GetValueOrDefault(key)?.Event;
            var categories = pending?.Categories ?? seen.GetValueOrDefault(key)?.Categories ?? have?.Categories ?? [];
            var update = EventFields.Patch(baseline, fields, categories, have is null ? key : null);
            // A pending tag or category change of this cycle travels in the same PATCH.
            if (update.Categories is null && pending?.Categories is { } pendingCategories) update.Categories = pendingCategories;
            if (update.CrmKey is null && pending?.CrmKey is { } tag) update.CrmKey = tag;
            if (baseline?.Hash() != hash || pending is not null)
                plan[key] = new GraphWrite(WriteAction.Update, "event", key, a.Subject, graphId, Event: update);
            items[key] = new EventItem(graphId, a.Id, hash, fields, update.Categories ?? categories);
        }
        foreach (var id in removed)
            if (items.Remove($"activity:{id}", out var gone)) plan[$"activity:{id}"] = new GraphWrite(WriteAction.Delete, "event", $"activity:{id}", "", gone.GraphId);
        if (full)
            foreach (var (key, graphId) in actualKeys.Where(k => !desiredKeys.Contains(k.Key) && !items.ContainsKey(k.Key)))
                plan[key] = new GraphWrite(WriteAction.Delete, "event", key, "", graphId);

        var writes = plan.Values.OrderBy(w => w.Action).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        if (o.DryRun || box is null)
        {
            foreach (var w in writes) log.LogInformation("[dry-run] {Mailbox} would {Write}", mailbox.Upn, w);
            return CycleReport.From(writes, items.Count, scope, clock.Elapsed);
        }
        // Dirty before the first create only (see ContactSync): updates and deletes are simply sent again after a crash.
        if (writes.Any(w => w.Action == WriteAction.Create))
        {
            state.Dirty = true;
            await store.SaveAsync(Loop, mailbox.UserId, state, ct);
        }
        var outcome = await new BatchWriter(graph!, box, null, o.BatchSize, o.MaxRetries * 4).ExecuteAsync(writes, ct);
        foreach (var (key, id) in outcome.Created) items[key] = items[key] with { GraphId = id };
        foreach (var w in writes.Where(w => w.Action != WriteAction.Delete)) quarantine.Remove(w.Key);
        foreach (var r in outcome.Refused)
        {
            var key = r.Write.Key;
            quarantine[key] = new QuarantineEntry($"{r.Write}: {r.Reason}", r.Write.Action == WriteAction.Delete ? "delete" : items.GetValueOrDefault(key)?.Hash ?? "", DateTimeOffset.UtcNow);
            // What Outlook has is still what was there before: the state says so, for the next attempt's difference.
            if (r.Write.Action != WriteAction.Delete && state.Items.TryGetValue(key, out var before)) items[key] = before;
            else if (r.Write.Action != WriteAction.Delete) items.Remove(key);
            log.LogWarning("{Mailbox} calendar: {Write} set aside, retried when it changes: {Reason}", mailbox.Upn, r.Write, r.Reason);
        }

        state.Cursor = cursor;
        state.DeltaLink = deltaLink;
        state.WindowStart = from;
        state.Items = items.Where(i => i.Value.GraphId.Length > 0).ToDictionary();
        state.Quarantine = quarantine;
        state.Dirty = false;
        await store.SaveAsync(Loop, mailbox.UserId, state, ct);
        return CycleReport.From(writes, items.Count, scope, clock.Elapsed, quarantine, outcome.Refused.Count);
    }

    // The calendar window moves on once a day, which means a full reconcile: each mailbox does it at its own time of day
    // (a stable shift from its name), so 300 mailboxes never all reconcile at 00:00 UTC.
    public static DateTime WindowDay(string upn, DateTime utcNow)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(upn.ToLowerInvariant()));
        var shift = TimeSpan.FromMinutes(BitConverter.ToUInt32(hash, 0) % 1440);
        return (utcNow - shift).Date + shift;
    }

    private async Task<(Dictionary<long, ActivityDto> Upserts, HashSet<long> Removed, long Cursor)> ReadFeedAsync(int userId, long cursor, CancellationToken ct)
    {
        var upserts = new Dictionary<long, ActivityDto>();
        var removed = new HashSet<long>();
        while (true)
        {
            var page = await crm.GetActivityChangesAsync(userId, cursor, options.Value.FeedPageSize, ct);
            foreach (var a in page.Upserts) { upserts[a.Id] = a; removed.Remove(a.Id); }
            foreach (var id in page.Removed) { upserts.Remove(id); removed.Add(id); }
            cursor = page.Cursor;
            if (!page.HasMore) return (upserts, removed, cursor);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// One mailbox as Exchange Online keeps it: contact folders, contacts, calendar events, and a change
// sequence that delta queries read. Every access holds the mailbox lock (the double is not a benchmark of itself).
public sealed class GraphMailbox(string upn)
{
    public string Upn { get; } = upn;
    public readonly Lock Sync = new();
    public long Seq;
    public readonly Dictionary<string, JsonObject> Folders = [];
    public readonly Dictionary<string, Item> Contacts = [];
    public readonly Dictionary<string, Item> Events = [];
    public readonly List<Tombstone> Removed = [];

    // Counters per mailbox: requests as Graph counts them (each $batch step), HTTP calls, and item writes.
    public int Requests, HttpCalls, Writes, Throttled, RequestsWithoutImmutableId;
    // Requests the budget let through (Requests less the ones refused for an empty bucket; a 429 for a fifth concurrent
    // request or a test's injected 429 never reaches the budget), and delta rounds resumed from a delta link ($deltatoken):
    // the poll a client makes whether or not anything changed.
    public int Accepted, DeltaPolls;
    // Every accepted request (batch steps counted) by kind: method, route with ids as {id}, and for delta and listings
    // which link it followed ("delta link" = a poll, "next link" = a further page of a round). What the benchmark charges
    // to the changes is explained from these.
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Kinds = new();
    public readonly List<string> WriteLog = [];
    // Every PATCH body the worker sent (kind, CRM key, body as sent), to check that only changed properties travel.
    public readonly List<(string Kind, string? Key, JsonObject Body)> Patches = [];
    public int InFlight;
    // Writes in flight per worker instance (from its User-Agent), and every instance that ever wrote here.
    public readonly Dictionary<string, int> WritersInFlight = [];
    public readonly HashSet<string> WrittenBy = [];

    // Throttling: a token bucket refilled at Rate per second up to Burst (Exchange's per-mailbox budget, scaled).
    public double Tokens = double.MaxValue;
    public DateTime LastRefill = DateTime.UtcNow;

    // Id is the immutable id (stored in the body); RestId the default id, which changes when the item moves to
    // another folder (https://learn.microsoft.com/en-us/graph/outlook-immutable-id). Either finds the item.
    // The item is kept as serialized UTF-8 (Json) and answered from it: building, cloning and writing a JsonNode tree
    // per stored and per answered item was most of the double's CPU in a first sync (docs/performance.md, seventh round).
    // Body is the same item as a tree, parsed when first asked for (tests, PATCH, filters); it changes only through Edit.
    public sealed class Item
    {
        private JsonObject? _body;

        public Item(string id, byte[] json, string? parentFolderId, string? crmKey) =>
            (Id, RestId, Json, ParentFolderId, CrmKey) = (id, "R" + id, json, parentFolderId, crmKey);

        public string Id { get; }
        public string RestId { get; set; }
        public byte[] Json { get; private set; }
        public string? ParentFolderId { get; private set; }
        public string? CrmKey { get; private set; }
        public long Seq { get; set; }
        public DateTime StartUtc { get; set; }
        public DateTime EndUtc { get; set; }

        public JsonObject Body => _body ??= (JsonObject)GraphDouble.ParseOwned(new System.Buffers.ReadOnlySequence<byte>(Json))!;

        public void Edit(Action<JsonObject> edit)
        {
            var body = Body;
            try { edit(body); }
            catch
            {
                // An edit that failed half-way is not kept: the item stays as stored.
                _body = null;
                throw;
            }
            Set(body);
        }

        // The serialized form of a new item (GraphDouble.NewItem), written once.
        internal void SetJson(byte[] json) => Json = json;

        private void Set(JsonObject body)
        {
            _body = body;
            Json = JsonSerializer.SerializeToUtf8Bytes(body, GraphDouble.JsonOptions);
            ParentFolderId = (string?)body["parentFolderId"];
            CrmKey = GraphQuery.CrmKey(body);
        }
    }

    public sealed record Tombstone(string Id, string RestId, string Collection, long Seq, DateTime StartUtc, DateTime EndUtc, string Reason = "deleted");

    public static Item? Find(Dictionary<string, Item> items, string id) =>
        items.TryGetValue(id, out var item) ? item : items.Values.FirstOrDefault(i => i.RestId == id);

    // The rep drags a contact to another folder in Outlook: it leaves the folder's delta (as removed) and gets a new
    // REST id; its immutable id stays.
    public void MoveContact(string id, string folderName)
    {
        lock (Sync)
        {
            var item = Find(Contacts, id) ?? throw new InvalidOperationException("No such contact.");
            var target = folderName == "Contacts" ? "contacts-default" : (string)Folders.Values.Single(f => (string?)f["displayName"] == folderName)["id"]!;
            Removed.Add(new(item.Id, item.RestId, "contacts:" + item.ParentFolderId, Next(), default, default, "changed"));
            item.Edit(b =>
            {
                b["parentFolderId"] = target;
                b["changeKey"] = GraphDouble.NewChangeKeyValue();
            });
            item.RestId = "R" + Guid.NewGuid().ToString("N");
            item.Seq = Next();
        }
    }

    public long Next() => ++Seq;

    // True while a test plays the rep editing in Outlook: not counted as the worker's traffic.
    public bool UserEditing;

    // When the worker's first and last writes landed, for the benchmark's write-phase timing.
    public DateTime? FirstWriteAt, LastWriteAt;

    public void Log(string entry)
    {
        if (UserEditing) return;
        FirstWriteAt ??= DateTime.UtcNow;
        LastWriteAt = DateTime.UtcNow;
        Writes++;
        WriteLog.Add(entry);
    }

    // The contacts a user sees in Outlook, for test assertions: folder name → contacts.
    public IReadOnlyList<JsonObject> ContactsIn(string folderName)
    {
        lock (Sync)
        {
            var folder = Folders.Values.FirstOrDefault(f => (string?)f["displayName"] == folderName);
            if (folder is null) return [];
            var id = (string?)folder["id"];
            return Contacts.Values.Where(c => c.ParentFolderId == id).Select(c => (JsonObject)c.Body.DeepClone()).ToList();
        }
    }

    // Whether the folder holds a contact matching the predicate (of those changed after a point of the mailbox's change
    // sequence, Seq), and how many it holds: the benchmark's checks, without copying or parsing 1,000 items per look.
    public bool AnyContactIn(string folderName, Func<JsonObject, bool> predicate, long changedAfter = 0)
    {
        lock (Sync)
        {
            var id = Folders.Values.FirstOrDefault(f => (string?)f["displayName"] == folderName)?["id"]?.GetValue<string>();
            return id is not null && Contacts.Values.Any(c => c.Seq > changedAfter && c.ParentFolderId == id && predicate(c.Body));
        }
    }

    // All contacts and events of the mailbox, whatever their folder: a cheap bound before counting a folder.
    public int ContactCount { get { lock (Sync) return Contacts.Count; } }
    public int EventCount { get { lock (Sync) return Events.Count; } }

    public int CountContactsIn(string folderName)
    {
        lock (Sync)
        {
            var id = Folders.Values.FirstOrDefault(f => (string?)f["displayName"] == folderName)?["id"]?.GetValue<string>();
            return id is null ? 0 : Contacts.Values.Count(c => c.ParentFolderId == id);
        }
    }

    public int CountEvents(Func<JsonObject, bool> predicate)
    {
        lock (Sync) return Events.Values.Count(e => predicate(e.Body));
    }

    // Events that carry a CRM key (GraphQuery.CrmKey), counted without parsing them.
    public int CountKeyedEvents()
    {
        lock (Sync) return Events.Values.Count(e => e.CrmKey is not null);
    }

    public IReadOnlyList<JsonObject> ContactsOutside(string folderName)
    {
        lock (Sync)
        {
            var id = Folders.Values.FirstOrDefault(f => (string?)f["displayName"] == folderName)?["id"]?.GetValue<string>();
            return Contacts.Values.Where(c => c.ParentFolderId != id).Select(c => (JsonObject)c.Body.DeepClone()).ToList();
        }
    }

    // What only desktop Outlook can produce (a custom time zone, for one), applied to a stored item as it would be.
    public void EditAsDesktopOutlook(string id, Action<JsonObject> edit)
    {
        lock (Sync)
        {
            var item = Events.TryGetValue(id, out var e) ? e : Contacts[id];
            item.Edit(b =>
            {
                edit(b);
                b["changeKey"] = GraphDouble.NewChangeKeyValue();
            });
            item.Seq = Next();
        }
    }

    public IReadOnlyList<(JsonObject Body, DateTime StartUtc, DateTime EndUtc)> AllEvents()
    {
        lock (Sync) return Events.Values.Select(e => ((JsonObject)e.Body.DeepClone(), e.StartUtc, e.EndUtc)).ToList();
    }
}

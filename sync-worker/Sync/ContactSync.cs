using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// CRM companies and contacts → the rep's "CRM" contact folder. The CRM is the source of truth: Outlook edits
// of synced fields are put back, items the rep may no longer see are removed, unchanged items are not written.
public sealed class ContactSync(CrmClient crm, GraphServiceClient? graph, StateStore store, IOptions<SyncOptions> options, ILogger<ContactSync> log)
{
    public const string Loop = "contacts";

    public async Task<CycleReport> RunAsync(Mailbox mailbox, MailboxScope scope, CancellationToken ct)
    {
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        var state = await store.LoadAsync<ContactState>(Loop, mailbox.UserId, ct);
        var box = graph is null ? null : new GraphMailboxClient(graph, mailbox.Upn);
        var plan = new Dictionary<string, GraphWrite>();

        var full = state.Dirty || state.DeltaLink is null || state.FolderId is null || state.Cursor == 0 || box is null;
        List<DeltaContact> outlookChanges = [];
        string? deltaLink = null;
        if (!full)
        {
            try { (outlookChanges, deltaLink) = await box!.ContactDeltaAsync(state.FolderId!, state.DeltaLink, ct); }
            catch (DeltaExpiredException e)
            {
                log.LogWarning("{Mailbox} contacts: delta state lost ({Reason}); full resync, matched by CRM id", mailbox.Upn, e.Message);
                full = true;
            }
        }

        var items = full ? new Dictionary<string, ContactItem>() : new Dictionary<string, ContactItem>(state.Items);
        var quarantine = new Dictionary<string, QuarantineEntry>(state.Quarantine);
        var folderId = state.FolderId;
        long cursor;
        if (full)
        {
            // The CRM snapshot and the Outlook listing are independent: read them at the same time.
            var feed = ReadFeedAsync(mailbox.UserId, 0, ct);
            folderId = box is null ? null : await box.FindFolderAsync(o.FolderName, ct);
            var actual = folderId is null ? [] : await box!.ListFolderAsync(folderId, ct);
            deltaLink = folderId is null ? null : (await box!.ContactDeltaAsync(folderId, null, ct)).DeltaLink;
            var (desired, _, feedCursor) = await feed;
            cursor = feedCursor;
            var seen = new HashSet<string>();
            foreach (var c in actual)
            {
                if (CrmIdProperty.Read(c.SingleValueExtendedProperties) is not { } key) continue; // the rep's own contact: never touched
                var fields = ContactFields.FromGraph(c);
                // A duplicate (a second item with the same key) or an item the rep may no longer see is deleted.
                if (!seen.Add(key) || !desired.TryGetValue(key, out var want))
                {
                    plan[key + "#" + c.Id] = new GraphWrite(WriteAction.Delete, "contact", key, fields.DisplayName, c.Id);
                    continue;
                }
                var hash = want.Fields.Hash();
                var rep = ContactFields.RepCategories(c);
                if (quarantine.Holds(key, hash)) { items[key] = new ContactItem(c.Id!, want.CompanyId, fields.Hash(), fields, rep); continue; }
                items[key] = new ContactItem(c.Id!, want.CompanyId, hash, want.Fields, rep);
                if (hash != fields.Hash())
                    plan[key] = new GraphWrite(WriteAction.Update, "contact", key, want.Fields.DisplayName, c.Id, ContactFields.Patch(fields, want.Fields, rep));
            }
            // The hash only for a key set aside (a SHA-256 of the fields' JSON: a first sync hashed every contact twice).
            var missing = desired.Where(d => !seen.Contains(d.Key) && !(quarantine.ContainsKey(d.Key) && quarantine.Holds(d.Key, d.Value.Fields.Hash()))).ToList();
            // Without a state to say where they went, moved contacts are found by their CRM key in the default folder.
            var elsewhere = missing.Count > 0 && box is not null && folderId is not null ? await box.ListKeyedDefaultContactsAsync(ct) : [];
            foreach (var (key, want) in missing)
            {
                // Not in the folder: the rep moved it elsewhere. It is kept up to date there, never duplicated.
                if (box is not null && (elsewhere.GetValueOrDefault(key)
                        ?? (state.Items.GetValueOrDefault(key) is { GraphId.Length: > 0 } known ? await box.GetContactAsync(known.GraphId, ct) : null)) is { } moved
                    && !await box.IsDeletedAsync(moved, ct) && CrmIdProperty.Read(moved.SingleValueExtendedProperties) == key)
                {
                    var there = ContactFields.FromGraph(moved);
                    items[key] = new ContactItem(moved.Id!, want.CompanyId, want.Fields.Hash(), want.Fields, ContactFields.RepCategories(moved));
                    if (there.Hash() != want.Fields.Hash())
                        plan[key] = new GraphWrite(WriteAction.Update, "contact", key, want.Fields.DisplayName, moved.Id, ContactFields.Patch(there, want.Fields, items[key].Rep));
                    continue;
                }
                plan[key] = new GraphWrite(WriteAction.Create, "contact", key, want.Fields.DisplayName, null, want.Fields.ToGraph(key));
                items[key] = new ContactItem("", want.CompanyId, want.Fields.Hash(), want.Fields);
            }
        }
        else
        {
            // Outlook edits since the last cycle: synced fields are restored, a deleted synced contact is recreated.
            var byGraphId = items.ToDictionary(i => i.Value.GraphId, i => i.Key);
            var seen = new Dictionary<string, ContactFields>();
            foreach (var c in outlookChanges)
            {
                if (!byGraphId.TryGetValue(c.Id, out var key)) continue;
                var item = items[key];
                if (c.Removed)
                {
                    // Gone from the folder: moved elsewhere by the rep (its immutable id still finds it) or deleted.
                    if (await box!.GetContactAsync(c.Id, ct) is { } moved && !await box.IsDeletedAsync(moved, ct))
                    {
                        seen[key] = ContactFields.FromGraph(moved);
                        if (seen[key].Hash() != item.Hash)
                            plan[key] = new GraphWrite(WriteAction.Update, "contact", key, item.Fields.DisplayName, c.Id, ContactFields.Patch(seen[key], item.Fields, item.Rep));
                        continue;
                    }
                    items[key] = item with { GraphId = "" };
                    plan[key] = new GraphWrite(WriteAction.Create, "contact", key, item.Fields.DisplayName, null, item.Fields.ToGraph(key));
                    continue;
                }
                var actual = seen[key] = c.Fields!;
                items[key] = item = item with { RepCategories = c.RepCategories };
                if (actual.Hash() != item.Hash)
                    plan[key] = new GraphWrite(WriteAction.Update, "contact", key, item.Fields.DisplayName, c.Id, ContactFields.Patch(actual, item.Fields, item.Rep));
            }
            var (desired, touched, feedCursor) = await ReadFeedAsync(mailbox.UserId, state.Cursor, ct);
            cursor = feedCursor;
            // Contacts of a changed or departed company that it no longer yields (unless another company now does).
            foreach (var (key, item) in items.Where(i => touched.Contains(i.Value.CompanyId) && !desired.ContainsKey(i.Key)).ToList())
            {
                items.Remove(key);
                if (item.GraphId.Length > 0) plan[key] = new GraphWrite(WriteAction.Delete, "contact", key, item.Fields.DisplayName, item.GraphId);
                else plan.Remove(key);
            }
            foreach (var (key, want) in desired)
            {
                var hash = want.Fields.Hash();
                if (quarantine.Holds(key, hash)) continue; // refused as it is: retried once it changes
                if (items.TryGetValue(key, out var have) && have.GraphId.Length > 0)
                {
                    if (have.Hash == hash && !plan.ContainsKey(key)) { items[key] = have with { CompanyId = want.CompanyId }; continue; }
                    // Against what Outlook showed this cycle if the rep edited it, else against what the CRM last wrote.
                    var from = seen.GetValueOrDefault(key) ?? have.Fields;
                    plan[key] = new GraphWrite(WriteAction.Update, "contact", key, want.Fields.DisplayName, have.GraphId, ContactFields.Patch(from, want.Fields, have.Rep));
                }
                else plan[key] = new GraphWrite(WriteAction.Create, "contact", key, want.Fields.DisplayName, null, want.Fields.ToGraph(key));
                items[key] = new ContactItem(have?.GraphId ?? "", want.CompanyId, hash, want.Fields, have?.RepCategories);
            }
        }

        var writes = plan.Values.OrderBy(w => w.Action).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        if (o.DryRun || box is null)
        {
            if (folderId is null) log.LogInformation("[dry-run] {Mailbox} would create contact folder \"{Folder}\"", mailbox.Upn, o.FolderName);
            foreach (var w in writes) log.LogInformation("[dry-run] {Mailbox} would {Write}", mailbox.Upn, w);
            return CycleReport.From(writes, items.Count, scope, clock.Elapsed);
        }

        if (writes.Any(w => w.Action == WriteAction.Create) || folderId != state.FolderId)
        {
            // Marked dirty before the first create: a crash from here on makes the next cycle reconcile by CRM id, so no
            // create is ever repeated. Updates and deletes need no mark (one state write less per changed item): after a
            // crash the saved cursor, delta link and hashes are those of before, and the same writes are sent again.
            state.Dirty = true;
            await store.SaveAsync(Loop, mailbox.UserId, state, ct);
        }
        if (folderId is null)
        {
            folderId = await box.CreateFolderAsync(o.FolderName, ct);
            deltaLink = (await box.ContactDeltaAsync(folderId, null, ct)).DeltaLink;
        }
        var outcome = await new BatchWriter(graph!, box, folderId, o.BatchSize, o.MaxRetries * 4).ExecuteAsync(writes, ct);
        foreach (var (key, id) in outcome.Created) items[key] = items[key] with { GraphId = id };
        foreach (var w in writes.Where(w => w.Action != WriteAction.Delete)) quarantine.Remove(w.Key);
        foreach (var r in outcome.Refused)
        {
            var key = r.Write.Key;
            quarantine[key] = new QuarantineEntry($"{r.Write}: {r.Reason}", r.Write.Action == WriteAction.Delete ? "delete" : items.GetValueOrDefault(key)?.Hash ?? "", DateTimeOffset.UtcNow);
            if (r.Write.Action != WriteAction.Delete && state.Items.TryGetValue(key, out var before)) items[key] = before;
            else if (r.Write.Action != WriteAction.Delete) items.Remove(key);
            log.LogWarning("{Mailbox} contacts: {Write} set aside, retried when it changes: {Reason}", mailbox.Upn, r.Write, r.Reason);
        }

        state.FolderId = folderId;
        state.Cursor = cursor;
        state.DeltaLink = deltaLink;
        state.Items = items.Where(i => i.Value.GraphId.Length > 0).ToDictionary();
        state.Quarantine = quarantine;
        state.Dirty = false;
        await store.SaveAsync(Loop, mailbox.UserId, state, ct);
        return CycleReport.From(writes, items.Count, scope, clock.Elapsed, quarantine, outcome.Refused.Count);
    }

    private sealed record Desired(long CompanyId, ContactFields Fields);

    // The CRM side: every Outlook contact the changed companies should now yield, and which companies changed or left.
    private async Task<(Dictionary<string, Desired> Desired, HashSet<long> Touched, long Cursor)> ReadFeedAsync(int userId, long cursor, CancellationToken ct)
    {
        var desired = new Dictionary<string, Desired>();
        // The keys each company yielded so far: a company seen again replaces them (a scan of all desired per company was
        // quadratic, 200 companies × 1,000 contacts per page of a first sync).
        var byCompany = new Dictionary<long, List<string>>();
        var touched = new HashSet<long>();
        void Forget(long companyId)
        {
            if (!byCompany.Remove(companyId, out var keys)) return;
            foreach (var key in keys)
                if (desired.TryGetValue(key, out var d) && d.CompanyId == companyId) desired.Remove(key);
        }
        while (true)
        {
            var page = await crm.GetCompanyChangesAsync(userId, cursor, options.Value.FeedPageSize, ct);
            foreach (var company in page.Upserts)
            {
                Forget(company.Id);
                touched.Add(company.Id);
                var keys = new List<string>();
                foreach (var (key, fields) in ContactFlattening.Flatten(company))
                {
                    // A contact moved from another company of this feed: that company no longer yields it.
                    if (desired.TryGetValue(key, out var before) && before.CompanyId != company.Id) byCompany.GetValueOrDefault(before.CompanyId)?.Remove(key);
                    desired[key] = new Desired(company.Id, fields);
                    keys.Add(key);
                }
                byCompany[company.Id] = keys;
            }
            foreach (var id in page.Removed)
            {
                touched.Add(id);
                Forget(id);
            }
            cursor = page.Cursor;
            if (!page.HasMore) return (desired, touched, cursor);
        }
    }
}

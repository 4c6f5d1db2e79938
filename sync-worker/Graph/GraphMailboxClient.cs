using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace OutlookCrm.SyncWorker.Graph;

// The Graph reads one mailbox needs, through the real GraphServiceClient. Writes go through BatchWriter.
public sealed class GraphMailboxClient(GraphServiceClient graph, string upn)
{
    private const int ListPage = 500;

    public string Upn => upn;

    public async Task<string?> FindFolderAsync(string name, CancellationToken ct)
    {
        var page = await graph.Users[upn].ContactFolders.GetAsync(r => r.QueryParameters.Filter = $"displayName eq '{name.Replace("'", "''")}'", ct);
        return page?.Value?.FirstOrDefault()?.Id;
    }

    public async Task<string> CreateFolderAsync(string name, CancellationToken ct) =>
        (await graph.Users[upn].ContactFolders.PostAsync(new ContactFolder { DisplayName = name }, cancellationToken: ct))?.Id
        ?? throw new GraphWriteException("Graph created a contact folder without an id.");

    // Every contact of the folder with its CRM key: the full reconcile after a lost state or token.
    public async Task<List<Contact>> ListFolderAsync(string folderId, CancellationToken ct)
    {
        var all = new List<Contact>();
        var page = await graph.Users[upn].ContactFolders[folderId].Contacts.GetAsync(r =>
        {
            r.QueryParameters.Expand = [CrmIdProperty.Expand];
            r.QueryParameters.Top = ListPage;
        }, ct);
        while (page is not null)
        {
            all.AddRange(page.Value ?? []);
            if (page.OdataNextLink is null) break;
            page = await graph.Users[upn].ContactFolders[folderId].Contacts.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: ct);
        }
        return all;
    }

    // The CRM-keyed contacts of the mailbox's default Contacts folder, where a rep most often drags one out of the CRM folder.
    public async Task<Dictionary<string, Contact>> ListKeyedDefaultContactsAsync(CancellationToken ct)
    {
        var all = new Dictionary<string, Contact>();
        var page = await graph.Users[upn].Contacts.GetAsync(r =>
        {
            r.QueryParameters.Expand = [CrmIdProperty.Expand];
            r.QueryParameters.Top = ListPage;
        }, ct);
        while (page is not null)
        {
            foreach (var c in page.Value ?? []) if (CrmIdProperty.Read(c.SingleValueExtendedProperties) is { } key) all.TryAdd(key, c);
            if (page.OdataNextLink is null) break;
            page = await graph.Users[upn].Contacts.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: ct);
        }
        return all;
    }

    // Changes since the delta link (or everything, without one). Follows next links; returns the new delta link.
    public Task<(List<DeltaContact> Items, string DeltaLink)> ContactDeltaAsync(string folderId, string? deltaLink, CancellationToken ct) =>
        ContactDelta.ReadAsync(graph, upn, folderId, deltaLink, ct);

    public Task<(List<Event> Items, string DeltaLink)> EventDeltaAsync(DateTime from, DateTime to, string? deltaLink, CancellationToken ct)
    {
        var builder = graph.Users[upn].CalendarView.Delta;
        return ReadDeltaAsync(link => link is null
            ? builder.GetAsDeltaGetResponseAsync(r =>
            {
                r.QueryParameters.StartDateTime = from.ToString("o");
                r.QueryParameters.EndDateTime = to.ToString("o");
            }, ct)
            : builder.WithUrl(link).GetAsDeltaGetResponseAsync(cancellationToken: ct), page => page.Value, deltaLink);
    }

    // One delta round of folder or calendar alike: every page, then the delta link for the next round.
    // A token Graph no longer knows (410 / syncStateNotFound) becomes DeltaExpiredException: the caller resyncs fully.
    private static async Task<(List<T> Items, string DeltaLink)> ReadDeltaAsync<T, TPage>(Func<string?, Task<TPage?>> get,
        Func<TPage, List<T>?> items, string? deltaLink) where TPage : BaseDeltaFunctionResponse
    {
        // The same item may come more than once in a round: the last one seen is the item's state.
        var all = new Dictionary<string, T>();
        var order = new List<string>();
        try
        {
            var page = await get(deltaLink);
            while (true)
            {
                foreach (var item in page is null ? [] : items(page) ?? [])
                {
                    var id = (item as Entity)?.Id ?? Guid.NewGuid().ToString();
                    if (!all.ContainsKey(id)) order.Add(id);
                    all[id] = item;
                }
                if (page?.OdataNextLink is { } next) page = await get(next);
                else return ([.. order.Select(id => all[id])], page?.OdataDeltaLink ?? throw new DeltaExpiredException("Delta response without a delta link."));
            }
        }
        catch (ODataError e) when (IsLostState(e)) { throw new DeltaExpiredException($"{e.ResponseStatusCode} {e.Error?.Code ?? e.Message}"); }
    }

    // Events of the window with their CRM key, for the full reconcile of the calendar.
    public async Task<List<Event>> ListCalendarAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var all = new List<Event>();
        var page = await graph.Users[upn].CalendarView.GetAsync(r =>
        {
            r.QueryParameters.StartDateTime = from.ToString("o");
            r.QueryParameters.EndDateTime = to.ToString("o");
            r.QueryParameters.Expand = [CrmIdProperty.Expand];
            r.QueryParameters.Top = ListPage;
        }, ct);
        while (page is not null)
        {
            all.AddRange(page.Value ?? []);
            if (page.OdataNextLink is null) break;
            page = await graph.Users[upn].CalendarView.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: ct);
        }
        return all;
    }

    public async Task<Event?> GetEventAsync(string id, CancellationToken ct)
    {
        try { return await graph.Users[upn].Events[id].GetAsync(r => r.QueryParameters.Expand = [CrmIdProperty.Expand], ct); }
        catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.NotFound) { return null; }
    }

    // A contact anywhere in the mailbox by its (immutable) id, or null when it no longer exists.
    public async Task<Contact?> GetContactAsync(string id, CancellationToken ct)
    {
        try { return await graph.Users[upn].Contacts[id].GetAsync(r => r.QueryParameters.Expand = [CrmIdProperty.Expand], ct); }
        catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.NotFound) { return null; }
    }

    private string? _deletedItems;

    // Deleting an item in Outlook moves it to Deleted Items: there it counts as deleted, not moved.
    public async Task<bool> IsDeletedAsync(Contact c, CancellationToken ct)
    {
        _deletedItems ??= (await graph.Users[upn].MailFolders["deleteditems"].GetAsync(r => r.QueryParameters.Select = ["id"], ct))?.Id ?? "";
        return c.ParentFolderId == _deletedItems;
    }

    // After a dropped connection, whether a create went through: the item is found by its CRM key.
    public async Task<string?> FindByKeyAsync(string kind, string folderId, string key, CancellationToken ct)
    {
        var filter = CrmIdProperty.FilterEquals(key);
        if (kind == "event")
            return (await graph.Users[upn].Events.GetAsync(r => r.QueryParameters.Filter = filter, ct))?.Value?.FirstOrDefault()?.Id;
        return (await graph.Users[upn].ContactFolders[folderId].Contacts.GetAsync(r => r.QueryParameters.Filter = filter, ct))?.Value?.FirstOrDefault()?.Id;
    }

    // Any 4xx on a delta or next link (410 syncStateNotFound, 404, 400 on a link Graph no longer accepts…) means the
    // token is unusable: the caller reconciles fully by CRM key. Only 401 and 429 are about the caller, not the token.
    public static bool IsLostState(ODataError e) =>
        e.ResponseStatusCode is >= 400 and < 500 and not ((int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.TooManyRequests)
        || string.Equals(e.Error?.Code, "syncStateNotFound", StringComparison.OrdinalIgnoreCase);

    public static bool IsRemoved(Entity item) => item.AdditionalData?.ContainsKey("@removed") == true;
}

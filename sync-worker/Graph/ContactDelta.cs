using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace OutlookCrm.SyncWorker.Graph;

// A contact as a delta round returns it: what the contact loop compares, nothing else.
public sealed record DeltaContact(string Id, bool Removed, ContactFields? Fields, List<string> RepCategories);

// The contact folder's delta rounds read with System.Text.Json straight from each page: the cycle after a first sync
// reads back every contact it wrote (1,000 per mailbox), and the SDK's models (a Kiota parse tree, then a Contact with
// its backing store per item) cost more CPU than writing them had. Sent through the SDK's request adapter, so
// authentication, the handlers (Prefer: odata.maxpagesize and IdType, throttling, the mailbox gate, the lease guard) and
// the error mapping (ODataError, whence a lost token) are those of every other request
// (https://learn.microsoft.com/en-us/graph/api/contact-delta).
public static class ContactDelta
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    public static async Task<(List<DeltaContact> Items, string DeltaLink)> ReadAsync(GraphServiceClient graph, string upn, string folderId,
        string? deltaLink, CancellationToken ct)
    {
        // The same item may come more than once in a round: the last one seen is the item's state.
        var all = new Dictionary<string, DeltaContact>();
        var order = new List<string>();
        var link = deltaLink;
        var first = true;
        try
        {
            while (true)
            {
                var request = first && link is null
                    ? graph.Users[upn].ContactFolders[folderId].Contacts.Delta.ToGetRequestInformation()
                    : new RequestInformation { HttpMethod = Method.GET, URI = new Uri(link!) };
                if (!request.Headers.ContainsKey("Accept")) request.Headers.Add("Accept", "application/json");
                first = false;
                await using var stream = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, ct)
                    ?? throw new DeltaExpiredException("Delta response without a body.");
                using var page = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                var root = page.RootElement;
                if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                    foreach (var c in value.EnumerateArray())
                    {
                        var item = Read(c);
                        if (!all.ContainsKey(item.Id)) order.Add(item.Id);
                        all[item.Id] = item;
                    }
                if (Text(root, "@odata.nextLink") is { } next) link = next;
                else return ([.. order.Select(id => all[id])], Text(root, "@odata.deltaLink") ?? throw new DeltaExpiredException("Delta response without a delta link."));
            }
        }
        catch (ODataError e) when (GraphMailboxClient.IsLostState(e)) { throw new DeltaExpiredException($"{e.ResponseStatusCode} {e.Error?.Code ?? e.Message}"); }
    }

    // As ContactFields.FromGraph and ContactFields.RepCategories read the SDK's Contact, so the hashes are the same.
    private static DeltaContact Read(JsonElement c)
    {
        var id = Text(c, "id") ?? Guid.NewGuid().ToString();
        if (c.TryGetProperty("@removed", out _)) return new DeltaContact(id, true, null, []);
        var categories = Strings(c, "categories");
        var emails = new List<string>();
        if (c.TryGetProperty("emailAddresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array)
            foreach (var e in addresses.EnumerateArray())
                if (e.ValueKind == JsonValueKind.Object && Text(e, "address") is { Length: > 0 } address) emails.Add(address);
        var phones = Strings(c, "businessPhones");
        var home = c.TryGetProperty("businessAddress", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        string? Part(string name) => home.ValueKind == JsonValueKind.Object ? ContactFields.Clean(Text(home, name)) : null;
        var fields = new ContactFields(
            Text(c, "displayName") ?? "", ContactFields.Clean(Text(c, "givenName")), ContactFields.Clean(Text(c, "surname")),
            ContactFields.Clean(Text(c, "jobTitle")), Text(c, "companyName") ?? "", emails,
            ContactFields.Clean(phones.FirstOrDefault()), ContactFields.Clean(Text(c, "mobilePhone")),
            Part("street"), Part("postalCode"), Part("city"), Part("countryOrRegion"),
            categories.Where(ContactFields.IsCrmCategory).ToList(), ContactFields.Normalize(Text(c, "personalNotes") ?? ""));
        return new DeltaContact(id, false, fields, categories.Where(x => !ContactFields.IsCrmCategory(x)).ToList());
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement o, string name)
    {
        var list = new List<string>();
        if (o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
            foreach (var s in v.EnumerateArray()) if (s.ValueKind == JsonValueKind.String) list.Add(s.GetString()!);
        return list;
    }
}

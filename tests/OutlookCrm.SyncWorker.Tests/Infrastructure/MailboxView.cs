using System.Text.Json.Nodes;
using OutlookCrm.SyncWorker.Tests.GraphDouble;

namespace OutlookCrm.SyncWorker.Tests.Infrastructure;

// What a rep sees in Outlook, reduced to comparable lines: one per synced item, CRM key first.
public static class MailboxView
{
    private static readonly string[] Volatile = ["id", "changeKey", "@odata.etag", "@odata.type", "createdDateTime", "lastModifiedDateTime", "parentFolderId", "iCalUId"];

    public static List<string> CrmContacts(GraphMailbox m, string folder = "CRM") =>
        m.ContactsIn(folder).Select(Line).Order(StringComparer.Ordinal).ToList();

    public static List<string> CrmEvents(GraphMailbox m) =>
        m.AllEvents().Where(e => GraphQuery.CrmKey(e.Body) is not null)
            .Select(e => Line(e.Body) + $"|{e.StartUtc:o}|{e.EndUtc:o}").Order(StringComparer.Ordinal).ToList();

    public static List<string> Keys(IEnumerable<string> lines) => lines.Select(l => l.Split('|')[0]).ToList();

    public static string? Key(JsonObject item) => GraphQuery.CrmKey(item);

    private static string Line(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        foreach (var k in Volatile) copy.Remove(k);
        return $"{GraphQuery.CrmKey(item)}|{copy.ToJsonString()}";
    }
}

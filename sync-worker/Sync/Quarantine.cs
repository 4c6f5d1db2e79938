using System.Net;
using OutlookCrm.SyncWorker.Crm;

namespace OutlookCrm.SyncWorker.Sync;

// An item the CRM API or Graph refused, set aside with its reason. Version is what was refused (the CRM fields'
// hash, or the Outlook item's changeKey): the item is retried only once it has changed, and nothing else waits for it.
public sealed record QuarantineEntry(string Reason, string Version, DateTimeOffset Since);

public static class Quarantine
{
    // A refusal is an answer about this item (4xx), not about the service: throttling, timeouts and 401 are retried.
    public static bool IsRefusal(Exception e) => e switch
    {
        CrmRuleException => true,
        HttpRequestException { StatusCode: { } s } => (int)s is >= 400 and < 500
            && s is not (HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict
                or HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests),
        _ => false,
    };

    public static bool Holds(this Dictionary<string, QuarantineEntry> q, string key, string version) =>
        q.TryGetValue(key, out var entry) && entry.Version == version;
}

using System.Text.Json.Serialization;
using OutlookCrm.SyncWorker.Graph;

namespace OutlookCrm.SyncWorker.Sync;

// What one cycle did for one mailbox and loop; Plan is the exact list of writes (printed in dry-run).
public sealed record CycleReport(int Created, int Updated, int Deleted, int Unchanged, int Throttled, int Requests, TimeSpan Duration)
{
    // Items set aside (refused by Graph or the CRM API) after this cycle, with their reasons; Refused: new this cycle.
    public IReadOnlyDictionary<string, QuarantineEntry> Quarantined { get; init; } = new Dictionary<string, QuarantineEntry>();
    public int Refused { get; init; }

    [JsonIgnore] public IReadOnlyList<GraphWrite> Plan { get; init; } = [];

    // Unchanged: synced items kept after the cycle that were neither created nor rewritten.
    public static CycleReport From(IReadOnlyList<GraphWrite> plan, int itemsAfter, MailboxScope scope, TimeSpan duration,
        IReadOnlyDictionary<string, QuarantineEntry>? quarantined = null, int refused = 0)
    {
        var (created, updated) = (plan.Count(w => w.Action == WriteAction.Create), plan.Count(w => w.Action == WriteAction.Update));
        return new(created, updated, plan.Count(w => w.Action == WriteAction.Delete), Math.Max(0, itemsAfter - created - updated),
            scope.Throttled, scope.Requests, duration) { Plan = plan, Quarantined = quarantined ?? new Dictionary<string, QuarantineEntry>(), Refused = refused };
    }
}

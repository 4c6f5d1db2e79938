using System.Globalization;

namespace OutlookCrm.Api.Audit;

// The audit trail is written by the write path itself, just before it saves: one row per changed field of a
// company, contact or deal, one per delete, restore or erasure.
public static class AuditTrail
{
    private static readonly HashSet<string> Unaudited = ["Version", "ChangeSeq", "UpdatedAt", "LastVerifiedAt", "CreatedAt", "PreviousOwnerId"];

    public static void RecordChanges(CrmDbContext db, Caller caller)
    {
        var now = DateTime.UtcNow;
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified && e.Entity is Company or Contact or Deal).ToList())
        {
            var id = (long)entry.Property("Id").CurrentValue!;
            foreach (var p in entry.Properties.Where(p => p.IsModified && !Unaudited.Contains(p.Metadata.Name)))
            {
                var (old, @new) = (Text(p.OriginalValue), Text(p.CurrentValue));
                if (old == @new) continue;
                var action = p.Metadata.Name == "DeletedAt" ? (@new is null ? "restore" : "delete") : "update";
                db.AuditEntries.Add(Entry(caller, now, entry.Entity.GetType().Name, id, action,
                    action == "update" ? p.Metadata.Name : null, action == "update" ? old : null, action == "update" ? @new : null));
            }
        }
    }

    public static AuditEntry Entry(Caller caller, DateTime at, string type, long id, string action,
        string? field = null, string? old = null, string? @new = null) => new()
    {
        At = at, UserId = caller.UserId, Application = caller.IsApplication ? caller.Application : null,
        EntityType = type, EntityId = id, Action = action, Field = field, OldValue = old, NewValue = @new,
    };

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > CrmModel.Text } ? text[..CrmModel.Text] : text;
    }
}

namespace OutlookCrm.Api.Data;

// Who changed what, when: one row per changed field (Action "update"), or one per delete, restore or
// erasure. Written by the API's write path; an erasure blanks the values of the erased contact's rows.
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    // The application behind the change when it came through an application token (the sync worker).
    public string? Application { get; set; }
    public required string EntityType { get; set; }
    public long EntityId { get; set; }
    public required string Action { get; set; }
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

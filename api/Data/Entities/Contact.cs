namespace OutlookCrm.Api.Data;

public sealed class Contact : ISynced, IVersioned
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public string? FirstName { get; set; }
    public required string LastName { get; set; }
    public string? JobTitle { get; set; }
    // Stored lower-cased so the lookup by address is an index seek.
    public string? Email { get; set; }
    public string? Email2 { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public long? ReportsToId { get; set; }
    public Contact? ReportsTo { get; set; }
    public bool IsPrescriber { get; set; }
    public DateTime? LastVerifiedAt { get; set; }
    public string? ExternalKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public long ChangeSeq { get; set; }
}

namespace OutlookCrm.Api.Data;

public sealed class Company : ISynced, IVersioned
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public CompanyStatus Status { get; set; }
    public CustomerCategory? Category { get; set; }
    public int? AccountManagerId { get; set; }
    public User? AccountManager { get; set; }
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public long? ParentCompanyId { get; set; }
    public Company? ParentCompany { get; set; }
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    // The company's general address (contact@, info@), as company files from other CRMs carry it.
    public string? Email { get; set; }
    public decimal SalesYearToDate { get; set; }
    public decimal SalesLastYear { get; set; }
    public decimal OutstandingAmount { get; set; }
    // When the ERP feed last set the three figures above (its as-of time); null if never.
    public DateTime? ErpUpdatedAt { get; set; }
    public DateTime? LastVerifiedAt { get; set; }
    // Key of the record in the system it was imported from: re-imports match on it.
    public string? ExternalKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public long ChangeSeq { get; set; }
    public List<Contact> Contacts { get; set; } = [];
    public List<CompanyProductFamily> ProductFamilies { get; set; } = [];
    public List<Note> Notes { get; set; } = [];
    public List<Deal> Deals { get; set; } = [];
    public List<Activity> Activities { get; set; } = [];
}

public sealed class ProductFamily
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

public sealed class CompanyProductFamily
{
    public long CompanyId { get; set; }
    public int ProductFamilyId { get; set; }
    public ProductFamily? ProductFamily { get; set; }
}

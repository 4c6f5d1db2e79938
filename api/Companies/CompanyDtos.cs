using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Companies;

public sealed record CompanyDto(
    long Id, string Name, CompanyStatus Status, CustomerCategory? Category,
    int? AccountManagerId, string? AccountManagerName, int? TerritoryId, string? TerritoryName, long? ParentCompanyId,
    string? Street, string? PostalCode, string? City, string? Country, string? Phone, string? Website, string? Email,
    decimal SalesYearToDate, decimal SalesLastYear, decimal OutstandingAmount, DateTime? LastVerifiedAt,
    string? ExternalKey, IReadOnlyList<string> ProductFamilies, int Version);

public sealed record CompanyRequest(
    [property: Required, StringLength(CrmModel.Name, MinimumLength = 1)] string Name,
    CompanyStatus Status = CompanyStatus.Prospect,
    CustomerCategory? Category = null,
    int? AccountManagerId = null,
    int? TerritoryId = null,
    long? ParentCompanyId = null,
    [property: StringLength(CrmModel.Name)] string? Street = null,
    [property: StringLength(CrmModel.Short)] string? PostalCode = null,
    [property: StringLength(CrmModel.Name)] string? City = null,
    [property: StringLength(CrmModel.Name)] string? Country = null,
    [property: StringLength(CrmModel.Short)] string? Phone = null,
    [property: StringLength(CrmModel.Name)] string? Website = null,
    [property: Range(typeof(decimal), "-1000000000000", "1000000000000")] decimal SalesYearToDate = 0,
    [property: Range(typeof(decimal), "-1000000000000", "1000000000000")] decimal SalesLastYear = 0,
    [property: Range(typeof(decimal), "-1000000000000", "1000000000000")] decimal OutstandingAmount = 0,
    [property: StringLength(CrmModel.Name)] string? ExternalKey = null,
    [property: MaxLength(20)] List<string>? ProductFamilies = null,
    // The company's general address (contact@, info@), not a person's.
    [property: EmailAddress, StringLength(CrmModel.Email)] string? Email = null);

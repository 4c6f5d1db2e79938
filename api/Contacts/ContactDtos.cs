using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Contacts;

public sealed record ContactDto(
    long Id, long CompanyId, string CompanyName, string? FirstName, string LastName, string? JobTitle,
    string? Email, string? Email2, string? Phone, string? Mobile, long? ReportsToId, bool IsPrescriber,
    DateTime? LastVerifiedAt, string? ExternalKey, int Version);

public sealed record ContactRequest(
    [property: Range(1, long.MaxValue)] long CompanyId,
    [property: Required, StringLength(CrmModel.Name, MinimumLength = 1)] string LastName,
    [property: StringLength(CrmModel.Name)] string? FirstName = null,
    [property: StringLength(CrmModel.Name)] string? JobTitle = null,
    [property: EmailAddress, StringLength(CrmModel.Email)] string? Email = null,
    [property: EmailAddress, StringLength(CrmModel.Email)] string? Email2 = null,
    [property: StringLength(CrmModel.Short)] string? Phone = null,
    [property: StringLength(CrmModel.Short)] string? Mobile = null,
    long? ReportsToId = null,
    bool IsPrescriber = false,
    [property: StringLength(CrmModel.Name)] string? ExternalKey = null);

internal static class ContactProjection
{
    // Addresses compare case-insensitively everywhere; storing them lower-case keeps lookups index seeks.
    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}

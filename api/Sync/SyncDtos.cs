using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Sync;

public sealed record Mailbox(int UserId, string Upn, string DisplayName, string? EntraObjectId, UserRole Role);

public sealed record ChangePage<T>(long Cursor, bool HasMore, IReadOnlyList<T> Upserts, IReadOnlyList<long> Removed);

public sealed record SyncCompany(long Id, string Name, CompanyStatus Status, CustomerCategory? Category, string? AccountManagerName,
    string? Street, string? PostalCode, string? City, string? Country, string? Phone, string? Website,
    decimal SalesYearToDate, decimal SalesLastYear, decimal OutstandingAmount,
    IReadOnlyList<SyncContact> Contacts, IReadOnlyList<SyncNote> LastNotes);

public sealed record SyncContact(long Id, string? FirstName, string LastName, string? JobTitle, string? Email, string? Email2,
    string? Phone, string? Mobile);

public sealed record SyncNote(DateTime CreatedAt, string AuthorName, string Text);

public sealed record SyncActivities(long Cursor, bool HasMore, IReadOnlyList<ActivityDto> Upserts, IReadOnlyList<long> Removed);

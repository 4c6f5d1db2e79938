namespace OutlookCrm.SyncWorker.Crm;

// The worker's view of the API contract (docs/api.md, "Sync feed"); enums travel as strings.
public sealed record Mailbox(int UserId, string Upn, string DisplayName, string? EntraObjectId, string Role);

public sealed record ChangePage<T>(long Cursor, bool HasMore, IReadOnlyList<T> Upserts, IReadOnlyList<long> Removed);

public sealed record SyncCompany(long Id, string Name, string Status, string? Category, string? AccountManagerName,
    string? Street, string? PostalCode, string? City, string? Country, string? Phone, string? Website,
    decimal SalesYearToDate, decimal SalesLastYear, decimal OutstandingAmount,
    IReadOnlyList<SyncContact> Contacts, IReadOnlyList<SyncNote> LastNotes);

public sealed record SyncContact(long Id, string? FirstName, string LastName, string? JobTitle, string? Email, string? Email2,
    string? Phone, string? Mobile);

public sealed record SyncNote(DateTime CreatedAt, string AuthorName, string Text);

public sealed record ActivityDto(
    long Id, string Type, string Subject, DateTime StartUtc, DateTime? EndUtc, string TimeZone,
    long CompanyId, string CompanyName, IReadOnlyList<long> ContactIds, long? DealId, int OwnerId, string OwnerName,
    string Status, string? Outcome, string? Details, string? Location,
    string? OutlookEventId, string? OutlookICalUId, string? InternetMessageId, int NoteCount, DateTime? ClosedAt, int Version);

public sealed record ActivityRequest(string Type, string Subject, DateTimeOffset StartUtc, long CompanyId,
    DateTimeOffset? EndUtc, string? TimeZone, IReadOnlyList<long>? ContactIds, string? Location,
    string? OutlookEventId, string? OutlookICalUId, string Status = "Planned", string? Note = null);

public sealed record CloseRequest(string? Outcome, string? Note);

public sealed record LookupCard(string Email, LookupContact? Contact, LookupCompany? Company);
public sealed record LookupContact(long Id);
public sealed record LookupCompany(long Id, string Name);

public sealed record ProblemDetails(int? Status, string? Title, string? Detail);

// A refusal by a business rule (422), which the worker shows to the rep instead of retrying.
public sealed class CrmRuleException(string message) : Exception(message);

// Leases and state of the worker pool (api/Sync/SyncLeaseApi.cs).
public sealed record LeaseClaim(int UserId, long Epoch);
public sealed record LeaseRequest(string Pool, string Holder, int Seconds, int Mailboxes, IReadOnlyList<LeaseClaim>? Release, IReadOnlyList<int>? Acquire, bool Leaving = false);
public sealed record LeaseGrant(int Instances, int Share, int Seconds, IReadOnlyList<LeaseClaim> Held);
public sealed record SyncStateDto(string? Contacts, string? Calendar, string? Holder, long Epoch);
public sealed record StateWrite(string Pool, string Holder, long Epoch, string State);

// The state write was refused: this instance no longer holds the mailbox's lease (another one may).
public sealed class LeaseLostException(string message) : Exception(message);

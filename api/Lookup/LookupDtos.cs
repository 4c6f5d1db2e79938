using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

public sealed record LookupCard(string Email, LookupContact Contact, LookupCompany Company, IReadOnlyList<LookupNote> LastNotes,
    IReadOnlyList<LookupDeal> OpenDeals, LookupActivity? LastActivity, LookupActivity? NextActivity, IReadOnlyList<LookupAlert> Alerts,
    IReadOnlyList<LookupActivity>? RecentMails = null, // logged mails, newest first: shown as mails, not among the notes
    IReadOnlyList<LookupFollowUp>? FollowUps = null); // the company's open follow-ups, soonest (so overdue) first

public sealed record LookupFollowUp(long Id, DateOnly DueOn, string Reason, long? DealId, int OwnerId, string OwnerName, bool Overdue, int Version);

public sealed record LookupContact(long Id, string? FirstName, string LastName, string? JobTitle, string? Email, string? Phone,
    string? Mobile, DateTime? LastVerifiedAt, int Version, bool ToVerify = false);

public sealed record LookupCompany(long Id, string Name, CompanyStatus Status, CustomerCategory? Category, int? AccountManagerId,
    string? AccountManagerName, string? TerritoryName, decimal SalesYearToDate, decimal SalesLastYear, decimal OutstandingAmount,
    DateTime? LastVerifiedAt, int Version, bool ToVerify = false, string? Phone = null, DateTime? ErpUpdatedAt = null);

public sealed record LookupNote(long Id, DateTime CreatedAt, string AuthorName, string Text, long? ActivityId, long? DealId, bool HasAudio = false);

public sealed record LookupDeal(long Id, string Title, decimal Amount, int StageId, string StageName, DateTime StageEnteredAt,
    DateOnly? ExpectedClose, int Version);

public sealed record LookupActivity(long Id, ActivityType Type, string Subject, DateTime StartUtc, DateTime? EndUtc, ActivityStatus Status);

// Kind is the code the pane formats in its language with Params (deal, stage, days, max, company, limit); Message is the English text.
public sealed record LookupAlert(string Kind, long? DealId, string Message, IReadOnlyDictionary<string, object?>? Params = null);

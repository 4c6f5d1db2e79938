namespace OutlookCrm.Api.Quality;

public enum RecordKind { Company, Contact }

public sealed record ReviewItem(RecordKind Kind, long Id, string Name, long CompanyId, string CompanyName, DateTime? LastVerifiedAt, int Version);

public sealed record ReviewQueue(int Months, DateTime StaleBefore, int Total, IReadOnlyList<ReviewItem> Items);

public sealed record Verified(RecordKind Kind, long Id, DateTime LastVerifiedAt, int Version);

public sealed record DuplicateRecord(long Id, string Name, string? Detail);

// Two records that probably describe the same company or person, and why we think so.
public sealed record DuplicatePair(RecordKind Kind, DuplicateRecord First, DuplicateRecord Second, IReadOnlyList<string> Reasons);

// The duplicate's version, read with it: merging must not erase a change made to it meanwhile.
public sealed record MergeRequest(long DuplicateId, int DuplicateVersion);

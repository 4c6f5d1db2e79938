namespace OutlookCrm.Api.Quality;

public enum RecordKind { Company, Contact }

public sealed record ReviewItem(RecordKind Kind, long Id, string Name, long CompanyId, string CompanyName, DateTime? LastVerifiedAt, int Version);

// Bucket "stale": records verified once, longer ago than `months`, oldest first. Bucket "never": records never verified
// (imports), oldest record first. Next is the keyset cursor of the following page (pass it as `after`), null at the end.
public sealed record ReviewQueue(int Months, DateTime StaleBefore, int Total, IReadOnlyList<ReviewItem> Items)
{
    public string Bucket { get; init; } = ReviewBuckets.Stale;
    public int NeverVerified { get; init; }
    public string? Next { get; init; }
}

public static class ReviewBuckets
{
    public const string Stale = "stale", Never = "never";
}

// A page of probable duplicates, strongest first; Next is the cursor to pass as `after`.
public sealed record DuplicatePage(IReadOnlyList<DuplicatePair> Items, string? Next);

public sealed record Verified(RecordKind Kind, long Id, DateTime LastVerifiedAt, int Version);

public sealed record DuplicateRecord(long Id, string Name, string? Detail);

// Two records that probably describe the same company or person, and why we think so.
public sealed record DuplicatePair(RecordKind Kind, DuplicateRecord First, DuplicateRecord Second, IReadOnlyList<string> Reasons);

// The duplicate's version, read with it: merging must not erase a change made to it meanwhile.
public sealed record MergeRequest(long DuplicateId, int DuplicateVersion);

namespace OutlookCrm.Api.Data;

// Rows the sync worker mirrors: each write stamps ChangeSeq from one global counter,
// so "what changed since cursor X" is one indexed range query.
public interface ISynced
{
    long ChangeSeq { get; set; }
}

// Rows updated through the API with optimistic concurrency (ETag = Version).
public interface IVersioned
{
    int Version { get; set; }
}

public sealed class ChangeCounter
{
    public int Id { get; set; }
    public long Value { get; set; }
}

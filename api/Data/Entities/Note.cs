namespace OutlookCrm.Api.Data;

public sealed class Note : IVersioned
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public long? ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public long? DealId { get; set; }
    public Deal? Deal { get; set; }
    public int AuthorId { get; set; }
    public User? Author { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string Text { get; set; }
    public bool HasAudio { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
}

// Voice notes live in their own table so reading notes never drags audio bytes along.
public sealed class NoteAudio
{
    public long NoteId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Data { get; set; }
}

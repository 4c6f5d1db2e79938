using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Notes;

public sealed record NoteDto(long Id, long CompanyId, long? ActivityId, long? DealId, int AuthorId, string AuthorName,
    DateTime CreatedAt, string Text, bool HasAudio, int Version);

public sealed record NoteRequest(
    [property: Required, StringLength(CrmModel.Long, MinimumLength = 1)] string Text,
    long? CompanyId = null, long? ActivityId = null, long? DealId = null);

public sealed record NoteTextRequest([property: Required, StringLength(CrmModel.Long, MinimumLength = 1)] string Text);

namespace OutlookCrm.Api.Notes;

// Voice notes: stored by the API beside the note, streamed back as they came.
internal static class NoteAudioApi
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static async Task<NoContent> PutAudio(long id, HttpRequest request, CrmDbContext db, Caller caller)
    {
        var contentType = request.ContentType ?? "";
        if (!contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
            throw new CrmProblem(415, "Unsupported media type", "Send the recording with an audio/* Content-Type (for example audio/webm).");
        if (request.ContentLength > MaxBytes) throw TooLarge();
        var note = await db.Notes.VisibleTo(db, caller).FirstOrDefaultAsync(n => n.Id == id) ?? throw CrmProblem.NotFound("Note", id);
        if (note.AuthorId != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only the author of a note or a manager can attach its recording.");

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw CrmProblem.Invalid("body", "The recording is empty.");
        var audio = await db.NoteAudios.FindAsync(id);
        if (audio is null) db.NoteAudios.Add(new NoteAudio { NoteId = id, ContentType = contentType, Data = buffer.ToArray() });
        else { audio.ContentType = contentType; audio.Data = buffer.ToArray(); }
        note.HasAudio = true;
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    public static async Task<FileContentHttpResult> GetAudio(long id, CrmDbContext db, Caller caller)
    {
        var audio = await db.NoteAudios.AsNoTracking()
            .Where(a => a.NoteId == id && db.Notes.VisibleTo(db, caller).Any(n => n.Id == id))
            .FirstOrDefaultAsync() ?? throw CrmProblem.NotFound("Recording of note", id);
        return TypedResults.File(audio.Data, audio.ContentType);
    }

    private static CrmProblem TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "Recording too large", $"A voice note is limited to {MaxBytes / 1024 / 1024} MB.");
}

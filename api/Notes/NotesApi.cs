namespace OutlookCrm.Api.Notes;

public static class NotesApi
{
    public static RouteGroupBuilder MapNotes(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notes").WithTags("Notes");
        group.MapGet("/", ListNotes);
        group.MapGet("/{id:long}", GetNote).WithName(nameof(GetNote));
        group.MapPost("/", CreateNote);
        group.MapPut("/{id:long}", UpdateNote).Accepts<NoteTextRequest>("application/json");
        group.MapPatch("/{id:long}", PatchNote).Accepts<NoteTextRequest>(JsonBody.MergePatch);
        group.MapPut("/{id:long}/audio", NoteAudioApi.PutAudio).Accepts<Stream>("audio/*");
        group.MapGet("/{id:long}/audio", NoteAudioApi.GetAudio);
        return api;
    }

    // Newest first: keyset on descending id.
    internal static async Task<Ok<Page<NoteDto>>> ListNotes(CrmDbContext db, Caller caller,
        long? companyId, long? activityId, long? dealId, long? after, int? limit)
    {
        var size = Page<NoteDto>.Size(limit);
        var query = db.Notes.AsNoTracking().VisibleTo(db, caller);
        if (companyId is not null) query = query.Where(n => n.CompanyId == companyId);
        if (activityId is not null) query = query.Where(n => n.ActivityId == activityId);
        if (dealId is not null) query = query.Where(n => n.DealId == dealId);
        if (after is not null) query = query.Where(n => n.Id < after);
        var rows = await query.OrderByDescending(n => n.Id).Take(size + 1).To<NoteDto>().ToListAsync();
        return TypedResults.Ok(Page<NoteDto>.From(rows, size, n => n.Id));
    }

    internal static async Task<Ok<NoteDto>> GetNote(long id, CrmDbContext db, Caller caller, HttpResponse response) =>
        TypedResults.Ok(await Read(db, caller, id, response));

    internal static async Task<CreatedAtRoute<NoteDto>> CreateNote(NoteRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var author = caller.RequireUser();
        var note = new Note { Text = request.Text.Trim(), AuthorId = author, CreatedAt = DateTime.UtcNow, Version = 1 };
        if (request.ActivityId is long a)
        {
            var activity = await db.Activities.VisibleTo(db, caller).Where(x => x.Id == a).Select(x => new { x.CompanyId, x.DealId }).FirstOrDefaultAsync()
                ?? throw CrmProblem.Invalid(nameof(request.ActivityId), $"Activity {a} does not exist or is not in your scope.");
            (note.ActivityId, note.CompanyId, note.DealId) = (a, activity.CompanyId, request.DealId ?? activity.DealId);
        }
        if (request.DealId is long d)
        {
            var companyOfDeal = await db.Deals.VisibleTo(db, caller).Where(x => x.Id == d).Select(x => (long?)x.CompanyId).FirstOrDefaultAsync()
                ?? throw CrmProblem.Invalid(nameof(request.DealId), $"Deal {d} does not exist or is not in your scope.");
            if (note.CompanyId != 0 && note.CompanyId != companyOfDeal)
                throw CrmProblem.Invalid(nameof(request.DealId), "The deal and the activity belong to different companies.");
            (note.DealId, note.CompanyId) = (d, companyOfDeal);
        }
        if (request.CompanyId is long c)
        {
            if (note.CompanyId != 0 && note.CompanyId != c)
                throw CrmProblem.Invalid(nameof(request.CompanyId), "The note's company differs from its activity's or deal's company.");
            if (!await db.Companies.VisibleTo(caller).AnyAsync(x => x.Id == c))
                throw CrmProblem.Invalid(nameof(request.CompanyId), $"Company {c} does not exist or is not in your scope.");
            note.CompanyId = c;
        }
        if (note.CompanyId == 0)
            throw CrmProblem.Invalid(nameof(request.CompanyId), "A note belongs to a company, an activity or a deal: give one of them.");
        db.Notes.Add(note);
        await db.SaveChangesAsync();
        return TypedResults.CreatedAtRoute(await Read(db, caller, note.Id, response), nameof(GetNote), new { id = note.Id });
    }

    internal static Task<Ok<NoteDto>> UpdateNote(long id, IfMatch ifMatch, HttpRequest request, CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, _ => JsonBody.ReadFull<NoteTextRequest>(request));

    internal static Task<Ok<NoteDto>> PatchNote(long id, IfMatch ifMatch, HttpRequest request, CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, n => JsonBody.ReadPatch(request, Representations.Of<NoteTextRequest>(n)));

    private static async Task<Ok<NoteDto>> Write(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response,
        Func<Note, Task<NoteTextRequest>> read)
    {
        var note = await db.Notes.VisibleTo(db, caller).FirstOrDefaultAsync(n => n.Id == id) ?? throw CrmProblem.NotFound("Note", id);
        ifMatch.Check(note.Version);
        if (note.AuthorId != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only the author of a note or a manager can edit it.");
        note.Text = (await read(note)).Text.Trim();
        note.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await Read(db, caller, id, response));
    }

    internal static async Task<NoteDto> Read(CrmDbContext db, Caller caller, long id, HttpResponse response)
    {
        var dto = await db.Notes.AsNoTracking().VisibleTo(db, caller).Where(n => n.Id == id).To<NoteDto>().FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("Note", id);
        ETag.Set(response, dto.Version);
        return dto;
    }
}

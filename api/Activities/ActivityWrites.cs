namespace OutlookCrm.Api.Activities;

internal static class ActivityWrites
{
    // Logging is idempotent per Outlook item: the same appointment updates its activity, the same mail for the same
    // company returns the one already logged (200 instead of 201), so a retry or a second click never duplicates.
    // A mail to counterparts of several companies is logged once for each company chosen.
    public static async Task<Results<Created<ActivityDto>, Ok<ActivityDto>>> LogActivity(
        ActivityRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var owner = request.OwnerId ?? caller.RequireUser();
        if (owner != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only a manager can log an activity for someone else.");
        var existing = await db.Activities.Include(a => a.Contacts).FirstOrDefaultAsync(a => a.OwnerId == owner &&
            ((request.OutlookICalUId != null && a.OutlookICalUId == request.OutlookICalUId) ||
             (request.InternetMessageId != null && a.InternetMessageId == request.InternetMessageId && a.CompanyId == request.CompanyId)));
        if (existing is not null && (request.OutlookICalUId is null || existing.OutlookICalUId != request.OutlookICalUId))
            return TypedResults.Ok(await ActivitiesApi.Read(db, caller, existing.Id, response) with { AlreadyLogged = true });

        var activity = existing ?? new Activity { Subject = request.Subject, CreatedAt = DateTime.UtcNow, Version = 0 };
        await using var tx = await db.Database.BeginTransactionAsync();
        await Apply(db, caller, activity, request with { OwnerId = owner });
        activity.DeletedAt = null;
        activity.Version++;
        if (existing is null) db.Activities.Add(activity);
        await SaveWithOptionalNote(db, caller, activity, request.Note, request.Status == ActivityStatus.Done ? request.Outcome : null,
            markDone: request.Status == ActivityStatus.Done && activity.Status != ActivityStatus.Done);
        await tx.CommitAsync();
        var dto = await ActivitiesApi.Read(db, caller, activity.Id, response);
        return existing is null ? TypedResults.Created($"/api/activities/{dto.Id}", dto) : TypedResults.Ok(dto with { AlreadyLogged = true });
    }

    // PUT: the full representation (the note is an action, never required); PATCH: a JSON Merge Patch of it.
    public static Task<Ok<ActivityDto>> UpdateActivity(long id, IfMatch ifMatch, HttpRequest http,
        CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, _ => JsonBody.ReadFull<ActivityRequest>(http, nameof(ActivityRequest.Note)));

    public static Task<Ok<ActivityDto>> PatchActivity(long id, IfMatch ifMatch, HttpRequest http,
        CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, a => JsonBody.ReadPatch(http, Representations.Of<ActivityRequest>(a)));

    private static async Task<Ok<ActivityDto>> Write(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response,
        Func<Activity, Task<ActivityRequest>> read)
    {
        var activity = await Load(db, caller, id, ifMatch);
        var request = await read(activity);
        await using var tx = await db.Database.BeginTransactionAsync();
        var wasDone = activity.Status == ActivityStatus.Done;
        await Apply(db, caller, activity, request with { OwnerId = request.OwnerId ?? activity.OwnerId });
        activity.Version++;
        await SaveWithOptionalNote(db, caller, activity, request.Note, request.Outcome,
            markDone: request.Status == ActivityStatus.Done && !wasDone);
        await tx.CommitAsync();
        return TypedResults.Ok(await ActivitiesApi.Read(db, caller, id, response));
    }

    public static async Task<Ok<ActivityDto>> CloseActivity(long id, CloseRequest request, IfMatch ifMatch,
        CrmDbContext db, Caller caller, HttpResponse response)
    {
        var activity = await Load(db, caller, id, ifMatch);
        if (activity.Status == ActivityStatus.Cancelled)
            throw CrmProblem.Rule("A cancelled activity cannot be closed; plan a new one.");
        await using var tx = await db.Database.BeginTransactionAsync();
        activity.Version++;
        await SaveWithOptionalNote(db, caller, activity, request.Note, request.Outcome, markDone: true);
        await tx.CommitAsync();
        return TypedResults.Ok(await ActivitiesApi.Read(db, caller, id, response));
    }

    public static async Task<Ok<ActivityDto>> CancelActivity(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var activity = await Load(db, caller, id, ifMatch);
        ActivityRules.KeepDone(activity, ActivityStatus.Cancelled);
        activity.Status = ActivityStatus.Cancelled;
        activity.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await ActivitiesApi.Read(db, caller, id, response));
    }

    private static async Task<Activity> Load(CrmDbContext db, Caller caller, long id, IfMatch ifMatch)
    {
        var activity = await db.Activities.VisibleTo(db, caller).Include(a => a.Contacts).FirstOrDefaultAsync(a => a.Id == id)
            ?? throw CrmProblem.NotFound("Activity", id);
        ifMatch.Check(activity.Version);
        return activity;
    }

    // The note (if any) is saved first so the rule sees it; all in the caller's transaction.
    private static async Task SaveWithOptionalNote(CrmDbContext db, Caller caller, Activity activity, string? note, string? outcome, bool markDone)
    {
        var hasNewNote = !string.IsNullOrWhiteSpace(note);
        if (markDone) await ActivityRules.MarkDone(db, activity, outcome, hasNewNote);
        await db.SaveChangesAsync();
        if (!hasNewNote) return;
        db.Notes.Add(new Note
        {
            Text = note!.Trim(), CompanyId = activity.CompanyId, ActivityId = activity.Id, DealId = activity.DealId,
            AuthorId = caller.UserId ?? activity.OwnerId, CreatedAt = DateTime.UtcNow, Version = 1,
        });
        await db.SaveChangesAsync();
    }

    private static async Task Apply(CrmDbContext db, Caller caller, Activity a, ActivityRequest r)
    {
        var owner = r.OwnerId!.Value;
        ActivityRules.KeepDone(a, r.Status);
        if (!await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == r.CompanyId))
            throw CrmProblem.Invalid(nameof(r.CompanyId), $"Company {r.CompanyId} does not exist or is not in your scope.");
        if (owner != a.OwnerId && a.Id != 0 && !caller.IsManager && owner != caller.UserId)
            throw CrmProblem.Forbidden("Only a manager can hand an activity to someone else.");
        if (!await db.Users.AnyAsync(u => u.Id == owner && u.IsActive))
            throw CrmProblem.Invalid(nameof(r.OwnerId), $"User {owner} does not exist.");
        if (r.EndUtc is not null && r.EndUtc < r.StartUtc)
            throw CrmProblem.Invalid(nameof(r.EndUtc), "The end of an activity cannot be before its start.");
        if (r.DealId is long deal && !await db.Deals.AnyAsync(d => d.Id == deal && d.CompanyId == r.CompanyId))
            throw CrmProblem.Invalid(nameof(r.DealId), $"Deal {deal} is not a deal of company {r.CompanyId}.");
        var contactIds = (r.ContactIds ?? []).Distinct().ToList();
        if (contactIds.Count > 0 && await db.Contacts.CountAsync(k => contactIds.Contains(k.Id) && k.CompanyId == r.CompanyId && k.DeletedAt == null) != contactIds.Count)
            throw CrmProblem.Invalid(nameof(r.ContactIds), "Every contact of an activity must belong to its company.");

        if (a.Id != 0 && owner != a.OwnerId) a.PreviousOwnerId = a.OwnerId;
        a.OwnerId = owner;
        a.Type = r.Type; a.Subject = r.Subject.Trim();
        a.StartUtc = r.StartUtc.UtcDateTime; a.EndUtc = r.EndUtc?.UtcDateTime;
        a.TimeZone = ActivityRules.ValidTimeZone(r.TimeZone);
        a.CompanyId = r.CompanyId; a.DealId = r.DealId;
        a.Outcome = r.Outcome ?? a.Outcome; a.Details = r.Details ?? a.Details; a.Location = r.Location ?? a.Location;
        a.OutlookEventId = r.OutlookEventId ?? a.OutlookEventId;
        a.OutlookICalUId = r.OutlookICalUId ?? a.OutlookICalUId;
        a.InternetMessageId = r.InternetMessageId ?? a.InternetMessageId;
        // Done stays done (KeepDone above); marking done goes through the note rule by the caller.
        if (r.Status != ActivityStatus.Done) a.Status = r.Status;
        a.Contacts.RemoveAll(x => !contactIds.Contains(x.ContactId));
        foreach (var id in contactIds.Where(id => a.Contacts.All(x => x.ContactId != id)))
            a.Contacts.Add(new ActivityContact { ContactId = id });
    }
}

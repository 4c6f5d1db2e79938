namespace OutlookCrm.Api.Activities;

public static class ActivitiesApi
{
    public static RouteGroupBuilder MapActivities(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/activities").WithTags("Activities");
        group.MapGet("/", ListActivities);
        group.MapGet("/by-outlook", GetByOutlookItem);
        group.MapGet("/{id:long}", GetActivity).WithName(nameof(GetActivity));
        group.MapPost("/", ActivityWrites.LogActivity);
        group.MapPut("/{id:long}", ActivityWrites.UpdateActivity).Accepts<ActivityRequest>("application/json");
        group.MapPatch("/{id:long}", ActivityWrites.PatchActivity).Accepts<ActivityRequest>(JsonBody.MergePatch);
        group.MapPost("/{id:long}/close", ActivityWrites.CloseActivity);
        group.MapPost("/{id:long}/cancel", ActivityWrites.CancelActivity);
        return api;
    }

    internal static async Task<Ok<Page<ActivityDto>>> ListActivities(CrmDbContext db, Caller caller,
        long? companyId, long? contactId, long? dealId, int? ownerId, ActivityStatus? status,
        DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit)
    {
        var size = Page<ActivityDto>.Size(limit);
        var query = db.Activities.AsNoTracking().VisibleTo(db, caller);
        if (companyId is not null) query = query.Where(a => a.CompanyId == companyId);
        if (contactId is not null) query = query.Where(a => a.Contacts.Any(c => c.ContactId == contactId));
        if (dealId is not null) query = query.Where(a => a.DealId == dealId);
        if (ownerId is not null) query = query.Where(a => a.OwnerId == ownerId);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (from is not null) { var f = from.Value.UtcDateTime; query = query.Where(a => a.StartUtc >= f); }
        if (to is not null) { var t = to.Value.UtcDateTime; query = query.Where(a => a.StartUtc < t); }
        if (after is not null) query = query.Where(a => a.Id > after);
        var rows = await query.OrderBy(a => a.Id).Take(size + 1).ToDto(db).ToListAsync();
        return TypedResults.Ok(Page<ActivityDto>.From(rows, size, a => a.Id));
    }

    internal static async Task<Ok<ActivityDto>> GetActivity(long id, CrmDbContext db, Caller caller, HttpResponse response) =>
        TypedResults.Ok(await Read(db, caller, id, response));

    // Lets the add-in and the worker ask "is this Outlook item already in the CRM?" — for a mail logged for several
    // companies, companyId picks one (without it, the first logged).
    internal static async Task<Ok<ActivityDto>> GetByOutlookItem(string? icalUid, string? internetMessageId, long? companyId,
        CrmDbContext db, Caller caller, HttpResponse response)
    {
        if (string.IsNullOrEmpty(icalUid) && string.IsNullOrEmpty(internetMessageId))
            throw CrmProblem.Invalid("icalUid", "Give icalUid or internetMessageId.");
        var owner = caller.RequireUser();
        var id = await db.Activities.AsNoTracking().VisibleTo(db, caller)
            .Where(a => a.OwnerId == owner && (icalUid != null ? a.OutlookICalUId == icalUid : a.InternetMessageId == internetMessageId))
            .Where(a => companyId == null || a.CompanyId == companyId)
            .OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync() ?? throw CrmProblem.NotFound("Activity for this Outlook item", icalUid ?? internetMessageId!);
        return TypedResults.Ok(await Read(db, caller, id, response));
    }

    internal static async Task<ActivityDto> Read(CrmDbContext db, Caller caller, long id, HttpResponse response)
    {
        var dto = await db.Activities.AsNoTracking().VisibleTo(db, caller).Where(a => a.Id == id).ToDto(db).FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("Activity", id);
        ETag.Set(response, dto.Version);
        return dto;
    }
}

namespace OutlookCrm.Api.Deals;

public static class DealsApi
{
    public static RouteGroupBuilder MapDeals(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/deals").WithTags("Deals");
        group.MapGet("/", ListDeals);
        group.MapGet("/{id:long}", GetDeal).WithName(nameof(GetDeal));
        group.MapGet("/{id:long}/history", GetHistory);
        group.MapPost("/", DealWrites.CreateDeal);
        group.MapPut("/{id:long}", DealWrites.UpdateDeal).Accepts<DealRequest>("application/json");
        group.MapPatch("/{id:long}", DealWrites.PatchDeal).Accepts<DealRequest>(JsonBody.MergePatch);
        group.MapPost("/{id:long}/stage", DealWrites.MoveStage);
        return api;
    }

    internal static async Task<Ok<Page<DealDto>>> ListDeals(CrmDbContext db, Caller caller,
        long? companyId, int? ownerId, int? stageId, bool? open, long? after, int? limit)
    {
        var size = Page<DealDto>.Size(limit);
        var query = db.Deals.AsNoTracking().VisibleTo(db, caller);
        if (companyId is not null) query = query.Where(d => d.CompanyId == companyId);
        if (ownerId is not null) query = query.Where(d => d.OwnerId == ownerId);
        if (stageId is not null) query = query.Where(d => d.StageId == stageId);
        if (open is not null) query = query.Where(d => (d.Stage!.Kind == StageKind.Open) == open);
        if (after is not null) query = query.Where(d => d.Id > after);
        var rows = await query.OrderBy(d => d.Id).Take(size + 1).ToDto().ToListAsync();
        return TypedResults.Ok(Page<DealDto>.From(rows, size, d => d.Id));
    }

    internal static async Task<Ok<DealDto>> GetDeal(long id, CrmDbContext db, Caller caller, HttpResponse response) =>
        TypedResults.Ok(await Read(db, caller, id, response));

    internal static async Task<Ok<List<StageChangeDto>>> GetHistory(long id, CrmDbContext db, Caller caller)
    {
        if (!await db.Deals.VisibleTo(db, caller).AnyAsync(d => d.Id == id)) throw CrmProblem.NotFound("Deal", id);
        var rows = await db.DealStageChanges.AsNoTracking().Where(h => h.DealId == id).OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .Select(h => new StageChangeDto(h.FromStageId, db.PipelineStages.Where(s => s.Id == h.FromStageId).Select(s => s.Name).FirstOrDefault(),
                h.ToStageId, db.PipelineStages.Where(s => s.Id == h.ToStageId).Select(s => s.Name).First(),
                h.ChangedAt, h.ChangedById, db.Users.Where(u => u.Id == h.ChangedById).Select(u => u.DisplayName).First()))
            .ToListAsync();
        return TypedResults.Ok(rows);
    }

    internal static async Task<DealDto> Read(CrmDbContext db, Caller caller, long id, HttpResponse response)
    {
        var dto = await db.Deals.AsNoTracking().VisibleTo(db, caller).Where(d => d.Id == id).ToDto().FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("Deal", id);
        ETag.Set(response, dto.Version);
        return dto;
    }
}

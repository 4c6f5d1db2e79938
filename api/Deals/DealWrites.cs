namespace OutlookCrm.Api.Deals;

internal static class DealWrites
{
    public static async Task<CreatedAtRoute<DealDto>> CreateDeal(DealRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var now = DateTime.UtcNow;
        var deal = new Deal { Title = request.Title, CreatedAt = now, Version = 1 };
        await Apply(db, caller, deal, request);
        var stage = request.StageId is int s
            ? await db.PipelineStages.FindAsync(s) ?? throw CrmProblem.Invalid(nameof(request.StageId), $"Stage {s} does not exist.")
            : await db.PipelineStages.OrderBy(x => x.Order).FirstAsync();
        EnterStage(deal, stage, caller, now, from: null);
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        return TypedResults.CreatedAtRoute(await DealsApi.Read(db, caller, deal.Id, response), nameof(DealsApi.GetDeal), new { id = deal.Id });
    }

    // PUT: the full representation; PATCH: a JSON Merge Patch of it. Both go through Apply.
    public static Task<Ok<DealDto>> UpdateDeal(long id, IfMatch ifMatch, HttpRequest request, CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, _ => JsonBody.ReadFull<DealRequest>(request, nameof(DealRequest.StageId)));

    public static Task<Ok<DealDto>> PatchDeal(long id, IfMatch ifMatch, HttpRequest request, CrmDbContext db, Caller caller, HttpResponse response) =>
        Write(id, ifMatch, db, caller, response, d => JsonBody.ReadPatch(request, Representations.Of<DealRequest>(d)));

    private static async Task<Ok<DealDto>> Write(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response,
        Func<Deal, Task<DealRequest>> read)
    {
        var deal = await Load(db, caller, id, ifMatch);
        await db.Entry(deal).Reference(d => d.ProductFamily).LoadAsync();
        var request = await read(deal);
        if (request.StageId is int s && s != deal.StageId)
            throw CrmProblem.Invalid(nameof(request.StageId), $"Move a deal between stages with POST /api/deals/{id}/stage, so the history is kept.");
        await Apply(db, caller, deal, request);
        deal.Version++;
        Audit.AuditTrail.RecordChanges(db, caller);
        await db.SaveChangesAsync();
        return TypedResults.Ok(await DealsApi.Read(db, caller, id, response));
    }

    public static async Task<Ok<DealDto>> MoveStage(long id, StageMoveRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var deal = await Load(db, caller, id, ifMatch);
        var stage = await db.PipelineStages.FindAsync(request.StageId)
            ?? throw CrmProblem.Invalid(nameof(request.StageId), $"Stage {request.StageId} does not exist.");
        if (stage.Id != deal.StageId)
        {
            EnterStage(deal, stage, caller, DateTime.UtcNow, from: deal.StageId);
            deal.Version++;
            Audit.AuditTrail.RecordChanges(db, caller);
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok(await DealsApi.Read(db, caller, id, response));
    }

    // Every stage a deal enters is written to its history; won and lost stages close it.
    internal static void EnterStage(Deal deal, PipelineStage stage, Caller caller, DateTime now, int? from)
    {
        deal.StageId = stage.Id;
        deal.StageEnteredAt = now;
        deal.ClosedAt = stage.Kind == StageKind.Open ? null : now;
        deal.History.Add(new DealStageChange { FromStageId = from, ToStageId = stage.Id, ChangedAt = now, ChangedById = caller.UserId ?? deal.OwnerId });
    }

    private static async Task<Deal> Load(CrmDbContext db, Caller caller, long id, IfMatch ifMatch)
    {
        var deal = await db.Deals.VisibleTo(db, caller).FirstOrDefaultAsync(d => d.Id == id) ?? throw CrmProblem.NotFound("Deal", id);
        ifMatch.Check(deal.Version);
        return deal;
    }

    private static async Task Apply(CrmDbContext db, Caller caller, Deal d, DealRequest r)
    {
        var owner = r.OwnerId ?? (d.Id == 0 ? caller.RequireUser() : d.OwnerId);
        if (owner != d.OwnerId && owner != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only a manager can hand a deal to someone else.");
        if (!await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == r.CompanyId))
            throw CrmProblem.Invalid(nameof(r.CompanyId), $"Company {r.CompanyId} does not exist or is not in your scope.");
        if (!await db.Users.AnyAsync(u => u.Id == owner && u.IsActive))
            throw CrmProblem.Invalid(nameof(r.OwnerId), $"User {owner} does not exist.");
        if (r.PrescriberContactId is long p && !await db.Contacts.AnyAsync(k => k.Id == p && k.DeletedAt == null))
            throw CrmProblem.Invalid(nameof(r.PrescriberContactId), $"Contact {p} does not exist.");
        int? family = null;
        if (!string.IsNullOrWhiteSpace(r.ProductFamily))
            family = await db.ProductFamilies.Where(f => f.Name == r.ProductFamily).Select(f => (int?)f.Id).FirstOrDefaultAsync()
                ?? throw CrmProblem.Invalid(nameof(r.ProductFamily), $"Unknown product family '{r.ProductFamily}'.");
        d.CompanyId = r.CompanyId; d.Title = r.Title.Trim(); d.Amount = r.Amount; d.ProductFamilyId = family;
        d.ExpectedClose = r.ExpectedClose; d.OwnerId = owner; d.PrescriberContactId = r.PrescriberContactId;
        d.UpdatedAt = DateTime.UtcNow;
    }
}

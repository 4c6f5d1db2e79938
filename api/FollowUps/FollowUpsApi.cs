using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.FollowUps;

// Follow-ups ("relances"): a date and a reason on a company or one of its deals, set after a visit.
public static class FollowUpsApi
{
    public const int MaxListed = 500;

    public static RouteGroupBuilder MapFollowUps(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/followups").WithTags("Follow-ups");
        group.MapGet("/", ListFollowUps);
        group.MapGet("/{id:long}", GetFollowUp).WithName(nameof(GetFollowUp));
        group.MapPost("/", CreateFollowUp);
        group.MapPut("/{id:long}", UpdateFollowUp);
        group.MapPost("/{id:long}/done", MarkDone);
        return api;
    }

    // The open follow-ups of a rep (their own by default; a manager names a rep or gets their territory's), overdue first
    // (by due date, oldest first), with the counts the alerts show. ?companyId= lists a company's (the card).
    internal static async Task<Ok<FollowUpList>> ListFollowUps(CrmDbContext db, Caller caller, IConfiguration config, int? rep, int? territory,
        long? companyId, bool? includeDone)
    {
        var today = SalesClock.Today(config);
        var query = Visible(db, caller);
        if (companyId is not null) query = query.Where(f => f.CompanyId == companyId);
        else
        {
            var owners = (await ReportScope.ResolveAsync(db, caller, territory, rep ?? (caller.IsManager ? null : caller.RequireUser()))).UserIds;
            query = query.Where(f => owners.Contains(f.OwnerId));
        }
        if (includeDone != true) query = query.Where(f => f.DoneAt == null);
        var rows = await query.OrderBy(f => f.DoneAt != null).ThenBy(f => f.DueOn).ThenBy(f => f.Id).Take(MaxListed).Select(Projection).ToListAsync();
        rows = rows.Select(r => r with { Overdue = r.DoneAt is null && r.DueOn < today }).ToList();
        return TypedResults.Ok(new FollowUpList(rows.Count(r => r.Overdue), rows.Count(r => r.DoneAt is null && r.DueOn == today), rows));
    }

    // "Today" for follow-ups: the date in Reports:TimeZone (a follow-up due today is not overdue).
    public static DateOnly Today(IConfiguration config) => SalesClock.Today(config);

    internal static IQueryable<FollowUp> Visible(CrmDbContext db, Caller caller) =>
        db.FollowUps.AsNoTracking().Where(f => db.Companies.VisibleTo(caller).Select(c => c.Id).Contains(f.CompanyId));

    // The alerts' part: the open follow-ups of these owners due today or earlier (overdue first), with the two counts.
    internal static async Task<FollowUpList> DueAsync(CrmDbContext db, Caller caller, List<int> owners, DateOnly today)
    {
        var rows = await Visible(db, caller).Where(f => owners.Contains(f.OwnerId) && f.DoneAt == null && f.DueOn <= today)
            .OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(MaxListed).Select(Projection).ToListAsync();
        rows = rows.Select(r => r with { Overdue = r.DueOn < today }).ToList();
        return new FollowUpList(rows.Count(r => r.Overdue), rows.Count(r => !r.Overdue), rows);
    }

    internal static async Task<Ok<FollowUpDto>> GetFollowUp(long id, CrmDbContext db, Caller caller, IConfiguration config, HttpResponse response) =>
        TypedResults.Ok(await Read(db, caller, id, SalesClock.Today(config), response));

    internal static async Task<CreatedAtRoute<FollowUpDto>> CreateFollowUp(FollowUpRequest request, CrmDbContext db, Caller caller, IConfiguration config,
        HttpResponse response)
    {
        var now = DateTime.UtcNow;
        var followUp = new FollowUp { Reason = "", CreatedAt = now, Version = 1 };
        await Apply(db, caller, followUp, request);
        db.FollowUps.Add(followUp);
        await db.SaveChangesAsync();
        return TypedResults.CreatedAtRoute(await Read(db, caller, followUp.Id, SalesClock.Today(config), response), nameof(GetFollowUp), new { id = followUp.Id });
    }

    internal static async Task<Ok<FollowUpDto>> UpdateFollowUp(long id, FollowUpRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller,
        IConfiguration config, HttpResponse response)
    {
        var followUp = await Load(db, caller, id, ifMatch);
        await Apply(db, caller, followUp, request);
        followUp.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await Read(db, caller, id, SalesClock.Today(config), response));
    }

    internal static async Task<Ok<FollowUpDto>> MarkDone(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, IConfiguration config, HttpResponse response)
    {
        var followUp = await Load(db, caller, id, ifMatch);
        if (followUp.DoneAt is null)
        {
            followUp.DoneAt = followUp.UpdatedAt = DateTime.UtcNow;
            followUp.Version++;
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok(await Read(db, caller, id, SalesClock.Today(config), response));
    }

    private static async Task Apply(CrmDbContext db, Caller caller, FollowUp f, FollowUpRequest r)
    {
        var owner = r.OwnerId ?? (f.Id == 0 ? caller.RequireUser() : f.OwnerId);
        if (owner != f.OwnerId && owner != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only a manager can give a follow-up to someone else.");
        if (!await db.Users.AnyAsync(u => u.Id == owner && u.IsActive)) throw CrmProblem.Invalid("OwnerId", $"User {owner} does not exist.");
        if (!await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == r.CompanyId))
            throw CrmProblem.Invalid("CompanyId", $"Company {r.CompanyId} does not exist or is not in your scope.");
        if (r.DealId is long d && !await db.Deals.AnyAsync(x => x.Id == d && x.CompanyId == r.CompanyId))
            throw CrmProblem.Invalid("DealId", $"Deal {d} is not a deal of company {r.CompanyId}.");
        if (r.DueOn.Year is < 2000 or > 2100) throw CrmProblem.Invalid("DueOn", "The due date is not plausible.");
        (f.CompanyId, f.DealId, f.OwnerId, f.DueOn, f.Reason, f.UpdatedAt) = (r.CompanyId, r.DealId, owner, r.DueOn, r.Reason.Trim(), DateTime.UtcNow);
    }

    private static async Task<FollowUp> Load(CrmDbContext db, Caller caller, long id, IfMatch ifMatch)
    {
        var visible = db.Companies.VisibleTo(caller).Select(c => c.Id);
        var f = await db.FollowUps.FirstOrDefaultAsync(x => x.Id == id && visible.Contains(x.CompanyId)) ?? throw CrmProblem.NotFound("Follow-up", id);
        ifMatch.Check(f.Version);
        return f;
    }

    private static async Task<FollowUpDto> Read(CrmDbContext db, Caller caller, long id, DateOnly today, HttpResponse response)
    {
        var visible = db.Companies.VisibleTo(caller).Select(c => c.Id);
        var dto = await db.FollowUps.AsNoTracking().Where(x => x.Id == id && visible.Contains(x.CompanyId)).Select(Projection).FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("Follow-up", id);
        ETag.Set(response, dto.Version);
        return dto with { Overdue = dto.DoneAt is null && dto.DueOn < today };
    }

    private static readonly System.Linq.Expressions.Expression<Func<FollowUp, FollowUpDto>> Projection = f => new FollowUpDto(
        f.Id, f.CompanyId, f.Company!.Name, f.DealId, f.Deal != null ? f.Deal.Title : null, f.OwnerId, f.Owner!.DisplayName, f.DueOn, f.Reason,
        false, f.DoneAt, f.Version);
}

namespace OutlookCrm.Api.Reference;

// Kind: "user", or "application" for the sync worker's token (Application names it; Id is the user it acts for, if any).
public sealed record MeDto(int? Id, string? DisplayName, string? Upn, UserRole? Role, int? TerritoryId, string? TerritoryName,
    string Kind = "user", string? Application = null);
public sealed record UserDto(int Id, string DisplayName, string Upn, UserRole Role, int? TerritoryId);
public sealed record StageDto(int Id, string Name, string Definition, int Order, int WinProbability, int? MaxDaysInStage, StageKind Kind);
public sealed record ProductFamilyDto(int Id, string Name);

// Small read-only lists the clients need for pickers and labels.
public static class ReferenceApi
{
    public static RouteGroupBuilder MapReference(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithTags("Reference");
        api.MapGet("/users", ListUsers).WithTags("Reference");
        api.MapGet("/stages", ListStages).WithTags("Reference");
        api.MapStageTexts();
        api.MapGet("/product-families", ListProductFamilies).WithTags("Reference");
        return api;
    }

    internal static async Task<Ok<MeDto>> GetMe(Caller caller, CrmDbContext db)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == caller.UserId)
            .Select(u => new MeDto(u.Id, u.DisplayName, u.Upn, u.Role, u.TerritoryId, u.Territory != null ? u.Territory.Name : null))
            .FirstOrDefaultAsync();
        if (!caller.IsApplication) return TypedResults.Ok(me!);
        var app = caller.Application;
        return TypedResults.Ok(me is null ? new MeDto(null, null, null, null, null, null, "application", app)
            : me with { Kind = "application", Application = app });
    }

    internal static async Task<Ok<List<UserDto>>> ListUsers(CrmDbContext db, Caller _) =>
        TypedResults.Ok(await db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.DisplayName)
            .Select(u => new UserDto(u.Id, u.DisplayName, u.Upn, u.Role, u.TerritoryId)).ToListAsync());

    // Names and definitions in the caller's language (Accept-Language) where the stage has a text in it (StageTexts).
    internal static async Task<Ok<List<StageDto>>> ListStages(CrmDbContext db, HttpRequest request, Lookup.HotPathCache cache)
    {
        var language = ProblemLanguage.Language(request);
        var stages = await cache.StagesAsync(db);
        return TypedResults.Ok(stages.All.Select(s => stages.Texts.Localize(s, language)).ToList());
    }

    internal static async Task<Ok<List<ProductFamilyDto>>> ListProductFamilies(CrmDbContext db) =>
        TypedResults.Ok(await db.ProductFamilies.AsNoTracking().OrderBy(f => f.Name).Select(f => new ProductFamilyDto(f.Id, f.Name)).ToListAsync());
}

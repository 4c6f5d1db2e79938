using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Errors;
using OutlookCrm.Api.Reference;

namespace OutlookCrm.Api.Lookup;

// Everything the pane needs before its first card, in one request: who is signed in, the stages, the cards of the
// item's people and the activity already linked to the Outlook item (null when none); a mail can be logged for
// several companies: LinkedCompanyIds lists each one it is already logged for.
public sealed record PaneStart(MeDto Me, IReadOnlyList<StageDto> Stages, List<LookupCard> Cards, ActivityDto? Linked,
    IReadOnlyList<long> LinkedCompanyIds);

public sealed record FloorDto(int Id, string DisplayName);

public static class PaneApi
{
    // The same answers as /api/me, /api/stages, /api/lookup and /api/activities/by-outlook (404 there, null here).
    internal static async Task<Ok<PaneStart>> StartPane(string[]? email, string? icalUid, string? internetMessageId,
        CrmDbContext db, Caller caller, IConfiguration config, HttpRequest request, HotPathCache cache)
    {
        var wanted = LookupApi.Addresses(email);
        var me = (await ReferenceApi.GetMe(caller, db)).Value!;
        var language = ProblemLanguage.Language(request);
        var snapshot = await cache.StagesAsync(db);
        var stages = snapshot.All.Select(s => snapshot.Texts.Localize(s, language)).ToList();
        var cards = await LookupApi.CardsAsync(db, caller, wanted, config, request, cache);
        var linked = await Linked(db, caller, icalUid, internetMessageId);
        return TypedResults.Ok(new PaneStart(me, stages, cards, linked.FirstOrDefault(), linked.Select(a => a.CompanyId).ToList()));
    }

    internal static async Task<List<ActivityDto>> Linked(CrmDbContext db, Caller caller, string? icalUid, string? internetMessageId)
    {
        if (string.IsNullOrEmpty(icalUid) && string.IsNullOrEmpty(internetMessageId)) return [];
        var owner = caller.RequireUser();
        return await db.Activities.AsNoTracking().VisibleTo(db, caller)
            .Where(a => a.OwnerId == owner && (icalUid != null ? a.OutlookICalUId == icalUid : a.InternetMessageId == internetMessageId))
            .OrderBy(a => a.Id).ToDto(db).ToListAsync();
    }

    // The benchmark's floor: one row by primary key through the same authentication, caller and EF pipeline as the card.
    internal static async Task<Ok<FloorDto>> Floor(CrmDbContext db, Caller caller)
    {
        var id = caller.RequireUser();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new FloorDto(u.Id, u.DisplayName)).FirstOrDefaultAsync()
            ?? throw CrmProblem.NotFound("User", id);
        return TypedResults.Ok(row);
    }
}

using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Reference;

public sealed record StageTextDto(string Language, string Name, string Definition);

public sealed record StageTextRequest(
    [property: Required, StringLength(CrmModel.Short * 2, MinimumLength = 1)] string Name,
    [property: Required, StringLength(CrmModel.Text, MinimumLength = 1)] string Definition);

// Stage names and definitions per language, as data: everyone reads them, an administrator rewrites them. The base
// language (en) is the stage row itself; the others are StageText rows, shown to callers asking for that language.
public static class StageTextsApi
{
    public static RouteGroupBuilder MapStageTexts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/stages/{id:int}/texts").WithTags("Reference");
        group.MapGet("/", ListTexts);
        group.MapPut("/{language}", SetText);
        group.MapDelete("/{language}", RemoveText);
        return api;
    }

    internal static async Task<Ok<List<StageTextDto>>> ListTexts(int id, CrmDbContext db)
    {
        var stage = await db.PipelineStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) ?? throw CrmProblem.NotFound("Stage", id);
        var others = await db.StageTexts.AsNoTracking().Where(t => t.StageId == id).OrderBy(t => t.Language)
            .Select(t => new StageTextDto(t.Language, t.Name, t.Definition)).ToListAsync();
        return TypedResults.Ok(others.Prepend(new StageTextDto(StageTexts.BaseLanguage, stage.Name, stage.Definition)).ToList());
    }

    internal static async Task<Ok<StageTextDto>> SetText(int id, string language, StageTextRequest request, CrmDbContext db, Caller caller,
        Lookup.HotPathCache cache)
    {
        RequireAdmin(caller);
        language = Supported(language);
        var stage = await db.PipelineStages.FirstOrDefaultAsync(s => s.Id == id) ?? throw CrmProblem.NotFound("Stage", id);
        var (name, definition) = (request.Name.Trim(), request.Definition.Trim());
        if (name.Length == 0) throw CrmProblem.Invalid("name", "A stage needs a name.");
        var taken = language == StageTexts.BaseLanguage
            ? await db.PipelineStages.AnyAsync(s => s.Id != id && s.Name == name)
            : await db.StageTexts.AnyAsync(t => t.StageId != id && t.Language == language && t.Name == name);
        if (taken) throw CrmProblem.Conflict($"Another stage is already called '{name}' in '{language}'.");
        if (language == StageTexts.BaseLanguage) (stage.Name, stage.Definition) = (name, definition);
        else
        {
            var text = await db.StageTexts.FirstOrDefaultAsync(t => t.StageId == id && t.Language == language);
            if (text is null) db.StageTexts.Add(new StageText { StageId = id, Language = language, Name = name, Definition = definition });
            else (text.Name, text.Definition) = (name, definition);
        }
        await db.SaveChangesAsync();
        cache.ForgetStages();
        return TypedResults.Ok(new StageTextDto(language, name, definition));
    }

    // Without its own text, the stage shows its base text in that language. The base text itself stays.
    internal static async Task<NoContent> RemoveText(int id, string language, CrmDbContext db, Caller caller, Lookup.HotPathCache cache)
    {
        RequireAdmin(caller);
        language = Supported(language);
        if (language == StageTexts.BaseLanguage) throw CrmProblem.Invalid("language", "The base text (en) is the stage itself: rewrite it, it cannot be removed.");
        if (!await db.PipelineStages.AnyAsync(s => s.Id == id)) throw CrmProblem.NotFound("Stage", id);
        await db.StageTexts.Where(t => t.StageId == id && t.Language == language).ExecuteDeleteAsync();
        cache.ForgetStages();
        return TypedResults.NoContent();
    }

    private static void RequireAdmin(Caller caller)
    {
        if (caller.Role != UserRole.Admin || caller.IsApplication)
            throw CrmProblem.Forbidden("Only an administrator rewrites the stages' names and definitions.");
    }

    private static string Supported(string language)
    {
        var code = language.Trim().ToLowerInvariant();
        return StageTexts.Languages.Contains(code) ? code
            : throw CrmProblem.Invalid("language", $"The pane speaks {string.Join(" and ", StageTexts.Languages)}: '{language}' is not one of them.");
    }
}

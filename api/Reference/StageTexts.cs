namespace OutlookCrm.Api.Reference;

// The French of the default pipeline (DefaultStages): the texts a new database — or one upgraded from before stage
// texts were data — starts with. From then on they are rows an administrator rewrites (StageTextsApi).
public static class StageTexts
{
    public static readonly string[] Languages = ["en", "fr"];
    public const string BaseLanguage = "en";

    private static readonly Dictionary<string, (string Name, string Definition)> French = new()
    {
        ["To follow"] = ("À suivre", "Un besoin est pressenti mais pas confirmé ; garder le contact."),
        ["Cold"] = ("Froid", "Besoin confirmé mais ni budget ni calendrier."),
        ["Hot"] = ("Chaud", "Besoin, budget et décideur connus ; décision attendue sous 3 mois."),
        ["Proposal requested"] = ("Proposition demandée", "Le client a demandé une proposition écrite."),
        ["Quote sent"] = ("Devis envoyé", "Un devis chiffré a été envoyé au décideur."),
        ["Negotiation"] = ("Négociation", "Conditions, prix ou délais en cours de négociation."),
        ["Verbal agreement"] = ("Accord verbal", "Le client a dit oui ; la commande n’est pas encore signée."),
        ["Won"] = ("Gagnée", "Commande signée."),
        ["Lost"] = ("Perdue", "Le client a choisi un concurrent ou abandonné le projet ; noter pourquoi."),
    };

    // Once: while no stage has any text yet. A stage still named as shipped gets its French name, and its French
    // definition unless an admin had already rewritten the English one (then that definition, until translated).
    public static async Task SeedFrenchAsync(CrmDbContext db)
    {
        if (await db.StageTexts.AnyAsync()) return;
        var shipped = DefaultStages.All.ToDictionary(s => s.Name, s => s.Definition);
        var stages = await db.PipelineStages.AsNoTracking().ToListAsync();
        foreach (var stage in stages.Where(s => French.ContainsKey(s.Name)))
        {
            var (name, definition) = French[stage.Name];
            db.StageTexts.Add(new StageText { StageId = stage.Id, Language = "fr", Name = name,
                Definition = shipped[stage.Name] == stage.Definition ? definition : stage.Definition });
        }
        await db.SaveChangesAsync();
    }
}

// The texts of every stage per language, read together (and kept with the stages by HotPathCache).
public sealed class StageTranslations(IReadOnlyDictionary<(int StageId, string Language), StageText> texts, IReadOnlyDictionary<string, int> idByName)
{
    public static async Task<StageTranslations> LoadAsync(CrmDbContext db)
    {
        var texts = await db.StageTexts.AsNoTracking().ToListAsync();
        var ids = await db.PipelineStages.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync();
        return new(texts.ToDictionary(t => (t.StageId, t.Language)), ids.ToDictionary(s => s.Name, s => s.Id));
    }

    // Without a text in that language, the stage's base text.
    public StageDto Localize(StageDto stage, string language) =>
        texts.TryGetValue((stage.Id, language), out var t) ? stage with { Name = t.Name, Definition = t.Definition } : stage;

    // Deals and alerts carry the stage's base name.
    public string Name(string baseName, string language) =>
        idByName.TryGetValue(baseName, out var id) && texts.TryGetValue((id, language), out var t) ? t.Name : baseName;
}

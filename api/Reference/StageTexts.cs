namespace OutlookCrm.Api.Reference;

// French of the default pipeline (DefaultStages). Stage texts are data an admin may rewrite; until the database
// holds them per language, a stage still as shipped is shown in French to French callers, a rewritten one as written.
public static class StageTexts
{
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

    private static readonly Dictionary<string, string> Shipped = DefaultStages.All.ToDictionary(s => s.Name, s => s.Definition);

    public static string Name(string name, string language) =>
        language == "fr" && French.TryGetValue(name, out var fr) ? fr.Name : name;

    public static string Definition(string name, string definition, string language) =>
        language == "fr" && French.TryGetValue(name, out var fr) && Shipped.GetValueOrDefault(name) == definition ? fr.Definition : definition;
}

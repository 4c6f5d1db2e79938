namespace OutlookCrm.Api.Import;

// How status and lifecycle values of other CRMs become a company status. The table is documented in docs/import.md;
// settings (Import:Statuses:<value> = Client) and each import (status=<value>=Client, --status) add to it or override it.
// A value the table does not know refuses the line: a partner or competitor is not silently made a client.
public static class ImportStatuses
{
    public static readonly IReadOnlyDictionary<string, CompanyStatus> Default = Build(new()
    {
        [CompanyStatus.Client] = ["client", "customer", "actif", "active", "clientactif", "customerdirect", "customerchannel",
            "evangelist", "won", "gagne", "signe"],
        [CompanyStatus.Prospect] = ["prospect", "opportunity", "salesqualifiedlead", "sql", "qualified", "qualifie", "enprospection",
            "negotiation", "negociation", "inprogress", "encours"],
        [CompanyStatus.Suspect] = ["suspect", "lead", "subscriber", "marketingqualifiedlead", "mql", "new", "nouveau", "piste", "open",
            "attemptedtocontact", "notcontacted"],
        [CompanyStatus.Former] = ["former", "formerclient", "formercustomer", "ancien", "ancienclient", "inactif", "inactive", "churned",
            "exclient", "resilie"],
        [CompanyStatus.Lost] = ["lost", "perdu", "closedlost", "unqualified", "disqualified", "nonqualifie", "badtiming"],
    });

    public static Dictionary<string, CompanyStatus> With(IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<string> pairs)
    {
        var table = new Dictionary<string, CompanyStatus>(Default);
        foreach (var (value, status) in settings)
            table[ImportHeaders.Normalize(value)] = Parse(status, $"Import:Statuses:{value}");
        foreach (var pair in pairs.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0) throw CrmProblem.Invalid("status", $"'{pair}' is not value=status (for example \"Channel Partner=Client\").");
            table[ImportHeaders.Normalize(pair[..eq])] = Parse(pair[(eq + 1)..], pair);
        }
        return table;
    }

    private static CompanyStatus Parse(string? status, string where) =>
        Enum.TryParse<CompanyStatus>(status?.Trim(), true, out var s) && Enum.IsDefined(s) && !char.IsDigit(status!.Trim()[0]) ? s
            : throw CrmProblem.Invalid("status", $"{where}: '{status}' is not a status ({string.Join(", ", Enum.GetNames<CompanyStatus>())}).");

    private static Dictionary<string, CompanyStatus> Build(Dictionary<CompanyStatus, string[]> byStatus) =>
        byStatus.SelectMany(kv => kv.Value.Select(v => (v, kv.Key))).ToDictionary(x => x.v, x => x.Key);
}

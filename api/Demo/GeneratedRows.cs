using NpgsqlTypes;
using OutlookCrm.Api.Data;
using static NpgsqlTypes.NpgsqlDbType;

namespace OutlookCrm.Api.Demo;

// The rows of one generated company (contacts, activities, notes, a deal every third company), as plain column values.
// Done activities each carry their note, as the note rule requires; past activities beyond the notes are cancelled.
internal sealed class GeneratedRows(DateTime now, int[] reps, Dictionary<int, int> territoryOfRep, (int Id, StageKind Kind)[] stages)
{
    public static readonly BulkTable Companies = new("Companies", ("Id", Bigint), ("Name", Varchar), ("Status", Varchar), ("Category", Varchar),
        ("AccountManagerId", Integer), ("TerritoryId", Integer), ("Street", Varchar), ("PostalCode", Varchar), ("City", Varchar), ("Country", Varchar),
        ("Phone", Varchar), ("SalesYearToDate", Numeric), ("SalesLastYear", Numeric), ("OutstandingAmount", Numeric), ("LastVerifiedAt", TimestampTz),
        ("CreatedAt", TimestampTz), ("UpdatedAt", TimestampTz), ("Version", Integer), ("ChangeSeq", Bigint));
    public static readonly BulkTable Contacts = new("Contacts", ("CompanyId", Bigint), ("FirstName", Varchar), ("LastName", Varchar),
        ("JobTitle", Varchar), ("Email", Varchar), ("Phone", Varchar), ("Mobile", Varchar), ("IsPrescriber", NpgsqlDbType.Boolean), ("LastVerifiedAt", TimestampTz),
        ("CreatedAt", TimestampTz), ("UpdatedAt", TimestampTz), ("Version", Integer), ("ChangeSeq", Bigint));
    public static readonly BulkTable Activities = new("Activities", ("Id", Bigint), ("Type", Varchar), ("Subject", Varchar), ("StartUtc", TimestampTz),
        ("EndUtc", TimestampTz), ("TimeZone", Varchar), ("CompanyId", Bigint), ("OwnerId", Integer), ("Status", Varchar), ("Outcome", Varchar),
        ("CreatedAt", TimestampTz), ("UpdatedAt", TimestampTz), ("ClosedAt", TimestampTz), ("Version", Integer), ("ChangeSeq", Bigint));
    public static readonly BulkTable Notes = new("Notes", ("CompanyId", Bigint), ("ActivityId", Bigint), ("AuthorId", Integer), ("CreatedAt", TimestampTz),
        ("Text", Varchar), ("HasAudio", NpgsqlDbType.Boolean), ("Version", Integer));
    public static readonly BulkTable Deals = new("Deals", ("Id", Bigint), ("CompanyId", Bigint), ("Title", Varchar), ("Amount", Numeric),
        ("StageId", Integer), ("StageEnteredAt", TimestampTz), ("OwnerId", Integer), ("CreatedAt", TimestampTz), ("UpdatedAt", TimestampTz),
        ("ClosedAt", TimestampTz), ("Version", Integer));
    public static readonly BulkTable StageChanges = new("DealStageChanges", ("DealId", Bigint), ("FromStageId", Integer), ("ToStageId", Integer),
        ("ChangedAt", TimestampTz), ("ChangedById", Integer));

    private static readonly string[] FirstNames = ["Marie", "Jean", "Sophie", "Pierre", "Camille", "Nicolas", "Julie", "Thomas", "Léa", "Antoine", "Chloé", "Éric"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Garcia", "Roux", "Fournier"];
    private static readonly string[] Trades = ["Menuiserie", "Boulangerie", "Garage", "Cabinet", "Imprimerie", "Transports", "Pharmacie", "Hôtel", "Plomberie", "Atelier"];
    private static readonly string[] Cities = ["Paris", "Lyon", "Grenoble", "Lille", "Nantes", "Bordeaux", "Toulouse", "Rennes", "Dijon", "Annecy"];
    private static readonly string[] Jobs = ["Gérant", "Acheteur", "Directeur technique", "Comptable", "Responsable atelier"];

    public int RepOf(long i) => reps[i % reps.Length];

    public object?[] Company(long id, long i, long seq, string runId)
    {
        var rep = RepOf(i);
        var last = LastNames[i % LastNames.Length];
        // Counted per rep (i / reps), so every rep gets every status and category, not one of each.
        var nth = i / reps.Length;
        return [id, $"{Trades[i % Trades.Length]} {last} {runId}-{i}", ((CompanyStatus)(nth % 5)).ToString(), ((CustomerCategory)(nth % 3)).ToString(),
            rep, territoryOfRep[rep], $"{i % 200 + 1} rue de la République", $"{10000 + i % 80000}", Cities[i % Cities.Length], "France",
            $"+33 1 {i % 100_000_000:D8}", (decimal)(i % 1000 * 100), (decimal)(i % 700 * 150), (decimal)(i % 13 * 50),
            now.AddDays(-(i % 700)), now.AddDays(-(i % 1500) - 30), now, 1, seq];
    }

    public object?[] Contact(long companyId, long i, int k, long seq, string runId) =>
        [companyId, FirstNames[(i + k) % FirstNames.Length], LastNames[(i * 7 + k) % LastNames.Length], Jobs[k % Jobs.Length],
            Email(i, k, runId), $"+33 1 {(i * 10 + k) % 100_000_000:D8}", $"+33 6 {(i * 10 + k) % 100_000_000:D8}", k == 0 && i % 10 == 0,
            now.AddDays(-((i + k * 97) % 900)), now.AddDays(-(i % 1500) - 30), now, 1, seq];

    // Lower-case, as the API stores addresses; the benchmarks derive addresses from (company, contact, run).
    public static string Email(long i, int k, string runId) => $"c{k}.{i}.{runId}@scale.example";

    public object?[] Activity(long id, long companyId, long i, int a, int notesPerCompany, long seq)
    {
        var (status, start) = ActivityShape(i, a, notesPerCompany);
        var closed = status == ActivityStatus.Done ? start.AddHours(1) : (DateTime?)null;
        return [id, ((ActivityType)((i + a) % 5)).ToString(), status == ActivityStatus.Planned ? "Planned visit" : "Visit", start, start.AddHours(1),
            "Europe/Paris", companyId, RepOf(i), status.ToString(), status == ActivityStatus.Done ? "Met the buyer" : null,
            start.AddDays(-7), now, closed, 1, seq];
    }

    // Over the last two years; one in eight activities past the noted ones is planned within the next 90 days.
    public (ActivityStatus Status, DateTime Start) ActivityShape(long i, int a, int notesPerCompany)
    {
        var hours = (int)((i * 131 + a * 977) % (2 * 365 * 24)) + 1;
        if (a < notesPerCompany) return (ActivityStatus.Done, now.AddHours(-hours));
        if ((a - notesPerCompany) % 8 == 0) return (ActivityStatus.Planned, now.AddHours(hours % (90 * 24) + 1));
        return (ActivityStatus.Cancelled, now.AddHours(-hours));
    }

    public object?[] Note(long companyId, long? activityId, long i, int n, DateTime? at) =>
        [companyId, activityId, RepOf(i), at?.AddHours(1) ?? now.AddDays(-(n * 17 + i % 30)), $"Note {n} about company {i}: met the buyer, follow up on the quote.", false, 1];

    public (object?[] Deal, object?[] Change) Deal(long id, long companyId, long i)
    {
        var stage = stages[i % stages.Length];
        var entered = now.AddDays(-(i % 120));
        var deal = new object?[] { id, companyId, $"Deal {i}", (decimal)(1000 * (i % 50 + 1)), stage.Id, entered, RepOf(i), entered.AddDays(-(i % 60)),
            entered, stage.Kind == StageKind.Open ? null : entered, 1 };
        return (deal, [id, null, stage.Id, entered, RepOf(i)]);
    }
}

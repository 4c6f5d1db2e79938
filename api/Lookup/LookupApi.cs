using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Lookup;

// The add-in's hot path: every card for a mail's addresses in two statements whatever their number (the contacts
// through the visibility rule, then every list of their companies as flat rows), not one query per card.
public static class LookupApi
{
    public const int MaxAddresses = 50;
    public const int FollowUpsShown = 5;

    public static RouteGroupBuilder MapLookup(this RouteGroupBuilder api)
    {
        api.MapGet("/lookup", LookupByEmail).WithTags("Lookup");
        api.MapGet("/pane/start", PaneApi.StartPane).WithTags("Lookup");
        api.MapGet("/floor", PaneApi.Floor).WithTags("Lookup").ExcludeFromDescription();
        return api;
    }

    internal static async Task<Ok<List<LookupCard>>> LookupByEmail(string[]? email, CrmDbContext db, Caller caller, IConfiguration config,
        HttpRequest? request = null, HotPathCache? cache = null)
    {
        var wanted = Addresses(email);
        if (wanted.Count == 0) throw CrmProblem.Invalid("email", "Give at least one address: /api/lookup?email=name@example.com");
        return TypedResults.Ok(await CardsAsync(db, caller, wanted, config, request, cache));
    }

    internal static List<string> Addresses(string[]? email)
    {
        var wanted = (email ?? []).SelectMany(e => e.Split(',', ';')).Select(ContactProjection.NormalizeEmail)
            .OfType<string>().Distinct().ToList();
        if (wanted.Count > MaxAddresses) throw CrmProblem.Invalid("email", $"At most {MaxAddresses} addresses per lookup.");
        return wanted;
    }

    internal static async Task<List<LookupCard>> CardsAsync(CrmDbContext db, Caller caller, List<string> wanted, IConfiguration config,
        HttpRequest? request, HotPathCache? cache)
    {
        if (wanted.Count == 0) return [];
        var now = DateTime.UtcNow;
        // "To verify" on the card: not verified within the review period (Quality:ReviewAfterMonths).
        var staleBefore = Quality.QualityOptions.StaleBefore(Quality.QualityOptions.From(config).ReviewAfterMonths, now);

        // Open stages change rarely: kept a few seconds (HotPaths:StagesSeconds) instead of read on every lookup.
        var openStages = cache is null
            ? await db.PipelineStages.Where(s => s.Kind == StageKind.Open).Select(s => s.Id).ToListAsync()
            : (await cache.StagesAsync(db)).OpenIds;
        var stageTexts = cache is null ? await Reference.StageTranslations.LoadAsync(db) : (await cache.StagesAsync(db)).Texts;
        var (rows, items) = await ReadAsync(db, caller, wanted, staleBefore, openStages, now);
        if (rows.Count == 0) return [];
        var byCompany = items.ToLookup(i => i.CompanyId);

        var language = request is null ? "en" : ProblemLanguage.Language(request);
        var today = FollowUps.FollowUpsApi.Today(config);
        var alertOptions = Alerts.AlertOptions.From(config);
        var cards = new List<LookupCard>();
        foreach (var address in wanted)
        {
            var row = rows.FirstOrDefault(r => r.Email == address) ?? rows.FirstOrDefault(r => r.Email2 == address);
            if (row is null) continue;
            var lists = byCompany[row.Company.Id].ToList();
            if (!lists.Any(i => i.Part == CardPart.Company)) continue; // removed between the two statements
            var followUps = CardLists.FollowUps(lists, today);
            var cardAlerts = LookupAlerts.ForDeals(CardLists.OpenDeals(lists, row.Company.Name), now, stageTexts, alertOptions, language)
                .Concat(LookupAlerts.ForFollowUps(followUps, today)).ToList();
            cards.Add(new LookupCard(address, row.Contact, row.Company, CardLists.Notes(lists), CardLists.Deals(lists, stageTexts, language),
                CardLists.Activities(lists, CardPart.Last).FirstOrDefault(), CardLists.Activities(lists, CardPart.Next).FirstOrDefault(),
                cardAlerts, CardLists.Activities(lists, CardPart.Mail), followUps));
        }
        return cards;
    }

    // The contacts the addresses match (through the visibility rule) and what the card shows of their companies, one row
    // per item (CardItem). Two small statements rather than one twelve-way join: at 1M contacts PostgreSQL spent more
    // time planning the single query than running it. On PostgreSQL one statement instead (PostgreSqlCard), unless the
    // portable pair is asked for (the tests compare the two).
    internal static async Task<(List<ContactRow> Rows, List<CardItem> Items)> ReadAsync(CrmDbContext db, Caller caller, List<string> wanted,
        DateTime staleBefore, List<int> openStages, DateTime now, bool portable = false)
    {
        if (!portable && db.Database.IsNpgsql()) return await PostgreSqlCard.ReadAsync(db, caller, wanted, staleBefore, openStages, now);
        var rows = await ReadContactRows(db, caller, wanted, staleBefore);
        var companyIds = rows.Select(r => r.Company.Id).Distinct().ToList();
        if (companyIds.Count == 0) return ([], []);
        return (rows, await CardItem.ReadAsync(db, companyIds, openStages, now));
    }

    // The card's first statement (the second is CardItem.Statement), compiled once per model: built and walked for its
    // parameters at every lookup, this expression was half of the lookup's CPU in the API (dotnet-trace). The tests also
    // print it for SQL Server and parse it there.
    internal static IQueryable<ContactRow> ContactRows(CrmDbContext db, Caller caller, List<string> wanted, DateTime staleBefore) =>
        RowsUncompiled(db, wanted, staleBefore, caller.SeesAll, caller.UserId, caller.Role == UserRole.Manager, caller.TerritoryId, caller.PublicStatuses.ToList());

    private static ValueTask<List<ContactRow>> ReadContactRows(CrmDbContext db, Caller caller, List<string> wanted, DateTime staleBefore) =>
        RowsCompiled.For(db)(db, wanted, staleBefore, caller.SeesAll, caller.UserId, caller.Role == UserRole.Manager, caller.TerritoryId,
            caller.PublicStatuses.ToList()).ToListAsync();

    // Visibility.InScopeOf's rule with the caller's facts as parameters (InScopeOf picks one of three shapes per caller,
    // which a query compiled once cannot): all for SeesAll, else the caller's accounts, the shared statuses and, for a
    // manager, the territory. Rules/VisibilityTests.TheCardSeesWhatTheVisibilityRuleSees holds the two together.
    private static readonly Expression<Func<CrmDbContext, List<string>, DateTime, bool, int?, bool, int?, List<CompanyStatus>, IQueryable<ContactRow>>> RowsStatement =
        (db, wanted, staleBefore, seesAll, me, manager, territory, shared) => db.Contacts
            .Where(k => k.DeletedAt == null && db.Companies.Any(c => c.Id == k.CompanyId && c.DeletedAt == null
                && (seesAll || c.AccountManagerId == me || shared.Contains(c.Status) || (manager && c.TerritoryId == territory))))
            // "IS NOT NULL AND": without it EF adds "OR (Email IS NULL AND array_position(@wanted, NULL) IS NOT NULL)",
            // which a generic plan cannot rule out, and scans every contact (2 s at 1M) instead of seeking the index.
            .Where(k => (k.Email != null && wanted.Contains(k.Email)) || (k.Email2 != null && wanted.Contains(k.Email2)))
            .OrderBy(k => k.Id)
            .Select(k => new ContactRow
            {
                Email = k.Email, Email2 = k.Email2,
                Contact = new LookupContact(k.Id, k.FirstName, k.LastName, k.JobTitle, k.Email, k.Phone, k.Mobile, k.LastVerifiedAt, k.Version,
                    k.LastVerifiedAt == null || k.LastVerifiedAt < staleBefore),
                Company = new LookupCompany(k.Company!.Id, k.Company.Name, k.Company.Status, k.Company.Category, k.Company.AccountManagerId,
                    k.Company.AccountManager != null ? k.Company.AccountManager.DisplayName : null,
                    k.Company.Territory != null ? k.Company.Territory.Name : null,
                    k.Company.SalesYearToDate, k.Company.SalesLastYear, k.Company.OutstandingAmount, k.Company.LastVerifiedAt, k.Company.Version,
                    k.Company.LastVerifiedAt == null || k.Company.LastVerifiedAt < staleBefore, k.Company.Phone, k.Company.ErpUpdatedAt),
            });

    private static readonly CompiledPerModel<Func<CrmDbContext, List<string>, DateTime, bool, int?, bool, int?, List<CompanyStatus>, IAsyncEnumerable<ContactRow>>> RowsCompiled =
        new(() => EF.CompileAsyncQuery(RowsStatement));
    private static readonly Func<CrmDbContext, List<string>, DateTime, bool, int?, bool, int?, List<CompanyStatus>, IQueryable<ContactRow>> RowsUncompiled = RowsStatement.Compile();

    internal sealed class ContactRow
    {
        public string? Email { get; init; }
        public string? Email2 { get; init; }
        public required LookupContact Contact { get; init; }
        public required LookupCompany Company { get; init; }
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Lookup;

// The add-in's hot path: every card for a mail's addresses in one SQL round trip
// (last notes, open deals and last/next activity as window-limited joins, not one query per card).
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

        // Two small statements rather than one twelve-way join: at 1M contacts PostgreSQL spent more time planning
        // the single query than running it. Contacts and companies first, through the visibility rule...
        var rows = await ContactRows(db, caller, wanted, staleBefore).ToListAsync();
        var companyIds = rows.Select(r => r.Company.Id).Distinct().ToList();
        if (companyIds.Count == 0) return [];

        // ...then what the card shows of those companies. Each child list is cut to these ids inside its window
        // subquery, so PostgreSQL seeks them by index instead of numbering every note and activity of the CRM.
        // Open stages change rarely: kept a few seconds (HotPaths:StagesSeconds) instead of read on every lookup.
        var openStages = cache is null
            ? await db.PipelineStages.Where(s => s.Kind == StageKind.Open).Select(s => s.Id).ToListAsync()
            : (await cache.StagesAsync(db)).OpenIds;
        var stageTexts = cache is null ? await Reference.StageTranslations.LoadAsync(db) : (await cache.StagesAsync(db)).Texts;
        var children = await CardChildren(db, companyIds, openStages, now).ToDictionaryAsync(c => c.Id);

        var language = request is null ? "en" : ProblemLanguage.Language(request);
        var today = FollowUps.FollowUpsApi.Today(config);
        // Alerts only concern open deals: without any on these cards there is nothing to ask the database.
        var alerts = children.Values.Any(c => c.Deals.Count > 0)
            ? await LookupAlerts.ForCompanies(db, caller, companyIds, now, stageTexts, Alerts.AlertOptions.From(config), language)
            : [];
        var cards = new List<LookupCard>();
        foreach (var address in wanted)
        {
            var row = rows.FirstOrDefault(r => r.Email == address) ?? rows.FirstOrDefault(r => r.Email2 == address);
            if (row is null) continue;
            if (!children.TryGetValue(row.Company.Id, out var child)) continue; // removed between the two statements
            var deals = child.Deals.Select(d => d with { StageName = stageTexts.Name(d.StageName, language) }).ToList();
            var followUps = child.FollowUps.Select(f => f with { Overdue = f.DueOn < today }).ToList();
            var cardAlerts = (alerts.GetValueOrDefault(row.Company.Id) ?? []).Concat(LookupAlerts.ForFollowUps(followUps, today)).ToList();
            cards.Add(new LookupCard(address, row.Contact, row.Company, child.Notes, deals, child.Last.FirstOrDefault(), child.Next.FirstOrDefault(),
                cardAlerts, child.Mails, followUps));
        }
        return cards;
    }

    // The two statements of the card, as queries: the tests also print them for SQL Server and parse them there.
    internal static IQueryable<ContactRow> ContactRows(CrmDbContext db, Caller caller, List<string> wanted, DateTime staleBefore) =>
        db.Contacts.AsNoTracking().TagWith(GenericPlans.Tag).VisibleTo(db, caller)
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

    // Joins inside the per-company Take() would need SQL APPLY, which SQLite lacks: stages and authors come as scalar subqueries.
    internal static IQueryable<Children> CardChildren(CrmDbContext db, List<long> companyIds, List<int> openStages, DateTime now) =>
        db.Companies.AsNoTracking().TagWith(GenericPlans.Tag).Where(c => companyIds.Contains(c.Id))
            .Select(c => new Children
            {
                Id = c.Id,
                // A logged mail's gist is its activity's note: shown among the mails below, not as a note.
                Notes = c.Notes.Where(n => companyIds.Contains(n.CompanyId) && !db.Activities.Any(a => a.Id == n.ActivityId && a.Type == ActivityType.Email))
                    .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(3)
                    .Select(n => new LookupNote(n.Id, n.CreatedAt, db.Users.Where(u => u.Id == n.AuthorId).Select(u => u.DisplayName).First(), n.Text, n.ActivityId, n.DealId, n.HasAudio)).ToList(),
                Mails = c.Activities.Where(a => companyIds.Contains(a.CompanyId) && a.DeletedAt == null && a.Type == ActivityType.Email)
                    .OrderByDescending(a => a.StartUtc).ThenByDescending(a => a.Id).Take(3)
                    .Select(a => new LookupActivity(a.Id, a.Type, a.Subject, a.StartUtc, a.EndUtc, a.Status)).ToList(),
                Deals = c.Deals.Where(d => companyIds.Contains(d.CompanyId) && openStages.Contains(d.StageId)).OrderBy(d => d.Id)
                    .Select(d => new LookupDeal(d.Id, d.Title, d.Amount, d.StageId, db.PipelineStages.Where(s => s.Id == d.StageId).Select(s => s.Name).First(), d.StageEnteredAt, d.ExpectedClose, d.Version)).ToList(),
                Last = c.Activities.Where(a => companyIds.Contains(a.CompanyId) && a.DeletedAt == null && a.Status != ActivityStatus.Cancelled && a.StartUtc <= now)
                    .OrderByDescending(a => a.StartUtc).Take(1)
                    .Select(a => new LookupActivity(a.Id, a.Type, a.Subject, a.StartUtc, a.EndUtc, a.Status)).ToList(),
                FollowUps = db.FollowUps.Where(f => f.CompanyId == c.Id && companyIds.Contains(f.CompanyId) && f.DoneAt == null)
                    .OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(FollowUpsShown)
                    .Select(f => new LookupFollowUp(f.Id, f.DueOn, f.Reason, f.DealId, f.OwnerId,
                        db.Users.Where(u => u.Id == f.OwnerId).Select(u => u.DisplayName).First(), false, f.Version)).ToList(),
                Next = c.Activities.Where(a => companyIds.Contains(a.CompanyId) && a.DeletedAt == null && a.Status == ActivityStatus.Planned && a.StartUtc > now)
                    .OrderBy(a => a.StartUtc).Take(1)
                    .Select(a => new LookupActivity(a.Id, a.Type, a.Subject, a.StartUtc, a.EndUtc, a.Status)).ToList(),
            });

    internal sealed class ContactRow
    {
        public string? Email { get; init; }
        public string? Email2 { get; init; }
        public required LookupContact Contact { get; init; }
        public required LookupCompany Company { get; init; }
    }

    internal sealed class Children
    {
        public long Id { get; init; }
        public required List<LookupNote> Notes { get; init; }
        public required List<LookupActivity> Mails { get; init; }
        public required List<LookupDeal> Deals { get; init; }
        public required List<LookupActivity> Last { get; init; }
        public required List<LookupActivity> Next { get; init; }
        public required List<LookupFollowUp> FollowUps { get; init; }
    }
}

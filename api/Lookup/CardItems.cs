using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

public enum CardPart { Company, Note, Mail, Deal, Last, Next, FollowUp }

// What a card shows of its companies, as one flat row per item (UNION ALL of one branch per list). Read as one query
// with a collection per list, EF joined the lists side by side: 3 notes × 3 mails × the deals × 5 follow-ups rows of
// 40 columns per company, which EF then took apart again — most of the card's CPU in the API. Here a card of 3 notes,
// 3 mails, 2 deals and 5 follow-ups is 16 rows. Each branch keeps its own order and limit in SQL (the per-company
// Take); the lists are put back in that order by Card.From. The open deals carry what their alerts are decided from
// (PipelineAlerts.Of), so the card needs no statement of its own for them.
public sealed class CardItem
{
    public CardPart Part { get; init; }
    public long CompanyId { get; init; }
    public long Id { get; init; }
    public DateTime? At { get; init; }          // note: created; mail, last, next: start; deal: entered its stage
    public DateTime? EndUtc { get; init; }
    public string? Text { get; init; }          // note text, activity subject, deal title, follow-up reason
    public string? Name { get; init; }          // note author, deal stage (reference name), follow-up owner
    public string? OwnerName { get; init; }     // deal owner
    public long? ActivityId { get; init; }
    public long? DealId { get; init; }
    public bool HasAudio { get; init; }
    public ActivityType? Type { get; init; }
    public ActivityStatus? Status { get; init; }
    public decimal? Amount { get; init; }
    public int? StageId { get; init; }
    public int? MaxDaysInStage { get; init; }
    public DateOnly? Day { get; init; }         // follow-up due day, deal expected close
    public int? OwnerId { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? LastContact { get; init; } // deal: its company's last contact (LastContact), for the alerts
    public int? Version { get; init; }

    // Every branch sets every column (a set operation needs the same shape on each side). Compiled once: built and
    // walked for its parameters at every lookup, this expression cost about a quarter of the statement's CPU in the API.
    internal static readonly Expression<Func<CrmDbContext, List<long>, List<int>, DateTime, IQueryable<CardItem>>> Statement =
        (db, companyIds, openStages, now) =>
        // Mails first: the first branch gives the columns their types, and its Type and Status are the activities' own
        // (text) columns — a NULL there would be typed as the enums' integer and clash with the activities' branches.
        // Each list is also cut to these ids inside its branch, so the database seeks the (CompanyId, …) indexes instead
        // of numbering every note and activity of the CRM.
        db.Companies.Where(c => companyIds.Contains(c.Id)).SelectMany(c => c.Activities
            .Where(a => companyIds.Contains(a.CompanyId) && a.DeletedAt == null && a.Type == ActivityType.Email)
            .OrderByDescending(a => a.StartUtc).ThenByDescending(a => a.Id).Take(3),
            (c, a) => new CardItem
            {
                Part = CardPart.Mail, CompanyId = a.CompanyId, Id = a.Id, At = a.StartUtc, EndUtc = a.EndUtc, Text = a.Subject, Name = null, OwnerName = null,
                ActivityId = null, DealId = null, HasAudio = false, Type = a.Type, Status = a.Status, Amount = null, StageId = null, MaxDaysInStage = null,
                Day = null, OwnerId = null, CreatedAt = null, LastContact = null, Version = null,
            })
        .Concat(db.Companies.Where(c => companyIds.Contains(c.Id)).Select(c => new CardItem
        {
            Part = CardPart.Company, CompanyId = c.Id, Id = c.Id, At = null, EndUtc = null, Text = null, Name = null, OwnerName = null,
            ActivityId = null, DealId = null, HasAudio = false, Type = null, Status = null, Amount = null, StageId = null, MaxDaysInStage = null,
            Day = null, OwnerId = null, CreatedAt = null, LastContact = null, Version = null,
        }))
        // A logged mail's gist is its activity's note: shown among the mails, not as a note.
        .Concat(db.Companies.Where(c => companyIds.Contains(c.Id)).SelectMany(c => c.Notes
            .Where(n => companyIds.Contains(n.CompanyId) && !db.Activities.Any(a => a.Id == n.ActivityId && a.Type == ActivityType.Email))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(3),
            (c, n) => new CardItem
            {
                Part = CardPart.Note, CompanyId = n.CompanyId, Id = n.Id, At = n.CreatedAt, EndUtc = null, Text = n.Text,
                Name = db.Users.Where(u => u.Id == n.AuthorId).Select(u => u.DisplayName).First(), OwnerName = null,
                ActivityId = n.ActivityId, DealId = n.DealId, HasAudio = n.HasAudio, Type = null, Status = null, Amount = null, StageId = null,
                MaxDaysInStage = null, Day = null, OwnerId = null, CreatedAt = null, LastContact = null, Version = null,
            }))
        .Concat(db.Companies.Where(c => companyIds.Contains(c.Id)).SelectMany(c => c.Deals
            .Where(d => companyIds.Contains(d.CompanyId) && openStages.Contains(d.StageId)),
            (c, d) => new CardItem
            {
                Part = CardPart.Deal, CompanyId = d.CompanyId, Id = d.Id, At = d.StageEnteredAt, EndUtc = null, Text = d.Title,
                Name = d.Stage!.Name, OwnerName = d.Owner!.DisplayName, ActivityId = null, DealId = null, HasAudio = false, Type = null, Status = null,
                Amount = d.Amount, StageId = d.StageId, MaxDaysInStage = d.Stage.MaxDaysInStage, Day = d.ExpectedClose, OwnerId = d.OwnerId,
                CreatedAt = d.CreatedAt,
                LastContact = db.Activities.Where(Alerts.LastContact.IsContact).Where(a => a.CompanyId == d.CompanyId || a.DealId == d.Id).Max(a => (DateTime?)a.StartUtc),
                Version = d.Version,
            }))
        .Concat(db.Companies.Where(c => companyIds.Contains(c.Id)).SelectMany(c => c.Activities
            .Where(a => companyIds.Contains(a.CompanyId) && a.DeletedAt == null && a.Status != ActivityStatus.Cancelled && a.StartUtc <= now)
            .OrderByDescending(a => a.StartUtc).ThenByDescending(a => a.Id).Take(1),
            (c, a) => new CardItem
            {
                Part = CardPart.Last, CompanyId = a.CompanyId, Id = a.Id, At = a.StartUtc, EndUtc = a.EndUtc, Text = a.Subject, Name = null, OwnerName = null,
                ActivityId = null, DealId = null, HasAudio = false, Type = a.Type, Status = a.Status, Amount = null, StageId = null, MaxDaysInStage = null,
                Day = null, OwnerId = null, CreatedAt = null, LastContact = null, Version = null,
            }))
        .Concat(db.Companies.Where(c => companyIds.Contains(c.Id)).SelectMany(c => c.Activities
            .Where(a => companyIds.Contains(a.CompanyId) && a.DeletedAt == null && a.Status == ActivityStatus.Planned && a.StartUtc > now)
            .OrderBy(a => a.StartUtc).ThenBy(a => a.Id).Take(1),
            (c, a) => new CardItem
            {
                Part = CardPart.Next, CompanyId = a.CompanyId, Id = a.Id, At = a.StartUtc, EndUtc = a.EndUtc, Text = a.Subject, Name = null, OwnerName = null,
                ActivityId = null, DealId = null, HasAudio = false, Type = a.Type, Status = a.Status, Amount = null, StageId = null, MaxDaysInStage = null,
                Day = null, OwnerId = null, CreatedAt = null, LastContact = null, Version = null,
            }))
        .Concat(db.Companies.Where(c => companyIds.Contains(c.Id)).SelectMany(c => db.FollowUps
            .Where(f => f.CompanyId == c.Id && companyIds.Contains(f.CompanyId) && f.DoneAt == null)
            .OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(LookupApi.FollowUpsShown),
            (c, f) => new CardItem
            {
                Part = CardPart.FollowUp, CompanyId = f.CompanyId, Id = f.Id, At = null, EndUtc = null, Text = f.Reason,
                Name = db.Users.Where(u => u.Id == f.OwnerId).Select(u => u.DisplayName).First(), OwnerName = null, ActivityId = null,
                DealId = f.DealId, HasAudio = false, Type = null, Status = null, Amount = null, StageId = null, MaxDaysInStage = null,
                Day = f.DueOn, OwnerId = f.OwnerId, CreatedAt = null, LastContact = null, Version = f.Version,
            }));

    private static readonly CompiledPerModel<Func<CrmDbContext, List<long>, List<int>, DateTime, IAsyncEnumerable<CardItem>>> Compiled =
        new(() => EF.CompileAsyncQuery(Statement));
    private static readonly Func<CrmDbContext, List<long>, List<int>, DateTime, IQueryable<CardItem>> Uncompiled = Statement.Compile();

    public static ValueTask<List<CardItem>> ReadAsync(CrmDbContext db, List<long> companyIds, List<int> openStages, DateTime now) =>
        Compiled.For(db)(db, companyIds, openStages, now).ToListAsync();

    // The statement as a query, for the tests that print it for each provider.
    internal static IQueryable<CardItem> Query(CrmDbContext db, List<long> companyIds, List<int> openStages, DateTime now) =>
        Uncompiled(db, companyIds, openStages, now);
}

using System.Globalization;
using OutlookCrm.Api.Http;

namespace OutlookCrm.Api.Quality;

// The review queue of the caller's scope, in two buckets so a migration's never-verified records do not bury the
// rest: "stale" (verified once, longer ago than N months; oldest first) is the default, "never" holds the records
// never verified (imports without a verified date; oldest created first). Both are keyset-paged on
// (last verified, kind, id): `after` is the `next` of the previous page. Confirming or editing a record verifies it.
internal static class ReviewQueueApi
{
    public static async Task<Ok<ReviewQueue>> GetQueue(CrmDbContext db, Caller caller, IConfiguration config, int? months, int? limit,
        string? bucket, string? after)
    {
        var m = months ?? QualityOptions.From(config).ReviewAfterMonths;
        if (m is < 0 or > 240) throw CrmProblem.Invalid("months", "months is between 0 and 240.");
        var never = (bucket ?? ReviewBuckets.Stale) switch
        {
            ReviewBuckets.Stale => false,
            ReviewBuckets.Never => true,
            _ => throw CrmProblem.Invalid("bucket", "bucket is 'stale' (default) or 'never'."),
        };
        var (afterDate, afterKind, afterId) = Cursor(after);
        var size = Page<ReviewItem>.Size(limit);
        var before = QualityOptions.StaleBefore(m, DateTime.UtcNow);
        var companies = db.Companies.AsNoTracking().VisibleTo(caller);
        var contacts = db.Contacts.AsNoTracking().VisibleTo(db, caller);
        companies = never ? companies.Where(c => c.LastVerifiedAt == null) : companies.Where(c => c.LastVerifiedAt != null && c.LastVerifiedAt < before);
        contacts = never ? contacts.Where(k => k.LastVerifiedAt == null) : contacts.Where(k => k.LastVerifiedAt != null && k.LastVerifiedAt < before);
        var total = await companies.CountAsync() + await contacts.CountAsync();
        var neverCount = never ? total : await db.Companies.VisibleTo(caller).CountAsync(c => c.LastVerifiedAt == null)
            + await db.Contacts.VisibleTo(db, caller).CountAsync(k => k.LastVerifiedAt == null);

        // Keyset: companies (kind 0) before contacts (kind 1) at an equal date.
        if (after is not null)
        {
            var companyAfterId = afterKind == RecordKind.Company ? afterId : long.MaxValue;
            var contactAfterId = afterKind == RecordKind.Company ? 0 : afterId;
            companies = never ? companies.Where(c => c.Id > companyAfterId)
                : companies.Where(c => c.LastVerifiedAt > afterDate || (c.LastVerifiedAt == afterDate && c.Id > companyAfterId));
            contacts = never ? contacts.Where(k => k.Id > contactAfterId)
                : contacts.Where(k => k.LastVerifiedAt > afterDate || (k.LastVerifiedAt == afterDate && k.Id > contactAfterId));
        }
        var companyItems = await companies.OrderBy(c => c.LastVerifiedAt).ThenBy(c => c.Id).Take(size + 1)
            .Select(c => new ReviewItem(RecordKind.Company, c.Id, c.Name, c.Id, c.Name, c.LastVerifiedAt, c.Version)).ToListAsync();
        var contactItems = await contacts.OrderBy(k => k.LastVerifiedAt).ThenBy(k => k.Id).Take(size + 1)
            .Select(k => new ReviewItem(RecordKind.Contact, k.Id, (k.FirstName == null ? "" : k.FirstName + " ") + k.LastName, k.CompanyId,
                k.Company!.Name, k.LastVerifiedAt, k.Version)).ToListAsync();
        var items = companyItems.Concat(contactItems).OrderBy(i => i.LastVerifiedAt).ThenBy(i => i.Kind).ThenBy(i => i.Id).Take(size + 1).ToList();
        var next = items.Count > size ? items[size - 1] : null;
        return TypedResults.Ok(new ReviewQueue(m, before, total, items.Take(size).ToList())
        {
            Bucket = never ? ReviewBuckets.Never : ReviewBuckets.Stale, NeverVerified = neverCount,
            Next = next is null ? null : $"{next.LastVerifiedAt?.Ticks ?? 0}.{(int)next.Kind}.{next.Id}",
        });
    }

    private static (DateTime Date, RecordKind Kind, long Id) Cursor(string? after)
    {
        if (after is null) return (default, RecordKind.Company, 0);
        var parts = after.Split('.');
        if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks && int.TryParse(parts[1], out var kind) && kind is 0 or 1
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (new DateTime(ticks, DateTimeKind.Utc), (RecordKind)kind, id);
        throw CrmProblem.Invalid("after", "after is the 'next' value of the previous page.");
    }

    // "I checked it, it is still right": the date moves, the data stays.
    public static async Task<Ok<Verified>> ConfirmCompany(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var company = await db.Companies.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id) ?? throw CrmProblem.NotFound("Company", id);
        ifMatch.Check(company.Version);
        company.LastVerifiedAt = DateTime.UtcNow;
        company.Version++;
        await db.SaveChangesAsync();
        ETag.Set(response, company.Version);
        return TypedResults.Ok(new Verified(RecordKind.Company, id, company.LastVerifiedAt.Value, company.Version));
    }

    public static async Task<Ok<Verified>> ConfirmContact(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var contact = await db.Contacts.VisibleTo(db, caller).FirstOrDefaultAsync(k => k.Id == id) ?? throw CrmProblem.NotFound("Contact", id);
        ifMatch.Check(contact.Version);
        contact.LastVerifiedAt = DateTime.UtcNow;
        contact.Version++;
        await db.SaveChangesAsync();
        ETag.Set(response, contact.Version);
        return TypedResults.Ok(new Verified(RecordKind.Contact, id, contact.LastVerifiedAt.Value, contact.Version));
    }
}

using OutlookCrm.Api.Http;

namespace OutlookCrm.Api.Quality;

// The review queue: companies and contacts of the caller's scope not verified for N months (never verified
// first, then oldest). Confirming a record, or editing it through the API, sets its last-verified date and
// takes it off the queue; so the queue needs no paging, only its head.
internal static class ReviewQueueApi
{
    public static async Task<Ok<ReviewQueue>> GetQueue(CrmDbContext db, Caller caller, IConfiguration config, int? months, int? limit)
    {
        var m = months ?? QualityOptions.From(config).ReviewAfterMonths;
        if (m is < 0 or > 240) throw CrmProblem.Invalid("months", "months is between 0 and 240.");
        var size = Page<ReviewItem>.Size(limit);
        var before = QualityOptions.StaleBefore(m, DateTime.UtcNow);
        var companies = db.Companies.AsNoTracking().VisibleTo(caller).Where(c => c.LastVerifiedAt == null || c.LastVerifiedAt < before);
        var contacts = db.Contacts.AsNoTracking().VisibleTo(db, caller).Where(k => k.LastVerifiedAt == null || k.LastVerifiedAt < before);

        var companyItems = await companies.OrderBy(c => c.LastVerifiedAt != null).ThenBy(c => c.LastVerifiedAt).ThenBy(c => c.Id).Take(size)
            .Select(c => new ReviewItem(RecordKind.Company, c.Id, c.Name, c.Id, c.Name, c.LastVerifiedAt, c.Version)).ToListAsync();
        var contactItems = await contacts.OrderBy(k => k.LastVerifiedAt != null).ThenBy(k => k.LastVerifiedAt).ThenBy(k => k.Id).Take(size)
            .Select(k => new ReviewItem(RecordKind.Contact, k.Id, (k.FirstName == null ? "" : k.FirstName + " ") + k.LastName, k.CompanyId,
                k.Company!.Name, k.LastVerifiedAt, k.Version)).ToListAsync();
        var total = await companies.CountAsync() + await contacts.CountAsync();
        var items = companyItems.Concat(contactItems)
            .OrderBy(i => i.LastVerifiedAt is not null).ThenBy(i => i.LastVerifiedAt).ThenBy(i => i.Kind).ThenBy(i => i.Id).Take(size).ToList();
        return TypedResults.Ok(new ReviewQueue(m, before, total, items));
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

using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Http;

namespace OutlookCrm.Api.Quality;

// Merging a duplicate company into the survivor: contacts, activities, notes, deals (with their stage history)
// and subsidiaries move over; the survivor's empty fields are filled from the duplicate; the duplicate is
// deleted (so the sync worker removes it from Outlook) and a note on the survivor records the merge.
// One SaveChanges: all of it or nothing.
internal static class CompanyMerge
{
    public static async Task<Ok<CompanyDto>> Merge(long id, MergeRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        if (!caller.IsManager) throw CrmProblem.Forbidden("Only managers and administrators merge records.");
        if (request.DuplicateId == id) throw CrmProblem.Invalid(nameof(request.DuplicateId), "A company cannot be merged into itself.");
        var survivor = await db.Companies.VisibleTo(caller).Include(c => c.ProductFamilies).FirstOrDefaultAsync(c => c.Id == id)
            ?? throw CrmProblem.NotFound("Company", id);
        var duplicate = await db.Companies.VisibleTo(caller).Include(c => c.ProductFamilies).FirstOrDefaultAsync(c => c.Id == request.DuplicateId)
            ?? throw CrmProblem.NotFound("Company", request.DuplicateId);
        ifMatch.Check(survivor.Version);
        if (duplicate.Version != request.DuplicateVersion) throw CrmProblem.Stale();

        foreach (var k in await db.Contacts.Where(k => k.CompanyId == duplicate.Id).ToListAsync()) k.CompanyId = survivor.Id;
        foreach (var a in await db.Activities.Where(a => a.CompanyId == duplicate.Id).ToListAsync()) a.CompanyId = survivor.Id;
        foreach (var n in await db.Notes.Where(n => n.CompanyId == duplicate.Id).ToListAsync()) n.CompanyId = survivor.Id;
        foreach (var d in await db.Deals.Where(d => d.CompanyId == duplicate.Id).ToListAsync()) d.CompanyId = survivor.Id;
        foreach (var child in await db.Companies.Where(c => c.ParentCompanyId == duplicate.Id).ToListAsync())
            child.ParentCompanyId = child.Id == survivor.Id ? null : survivor.Id;
        foreach (var f in duplicate.ProductFamilies.Where(f => survivor.ProductFamilies.All(s => s.ProductFamilyId != f.ProductFamilyId)))
            survivor.ProductFamilies.Add(new CompanyProductFamily { ProductFamilyId = f.ProductFamilyId });

        FillGaps(survivor, duplicate);
        db.Notes.Add(new Note
        {
            CompanyId = survivor.Id, AuthorId = caller.RequireUser(), CreatedAt = DateTime.UtcNow, Version = 1,
            Text = $"Merged with duplicate company \"{duplicate.Name}\" (#{duplicate.Id}"
                + $"{(duplicate.ExternalKey is null ? "" : $", key {duplicate.ExternalKey}")}): its contacts, activities, notes and deals are here now.",
        });
        duplicate.DeletedAt = DateTime.UtcNow;
        duplicate.Version++;
        survivor.Version++;
        await db.SaveChangesAsync();

        var dto = await db.Companies.AsNoTracking().Where(c => c.Id == id).To<CompanyDto>().FirstAsync();
        ETag.Set(response, dto.Version);
        return TypedResults.Ok(dto);
    }

    // The survivor's values win; the duplicate only fills what the survivor lacks.
    private static void FillGaps(Company s, Company d)
    {
        s.Category ??= d.Category;
        s.AccountManagerId ??= d.AccountManagerId;
        s.TerritoryId ??= d.TerritoryId;
        if (d.ParentCompanyId != s.Id) s.ParentCompanyId ??= d.ParentCompanyId;
        if (s.Street is null && s.City is null) (s.Street, s.PostalCode, s.City, s.Country) = (d.Street, d.PostalCode ?? s.PostalCode, d.City, d.Country ?? s.Country);
        s.Phone ??= d.Phone;
        s.Website ??= d.Website;
        s.ExternalKey ??= d.ExternalKey;
        if (s.SalesYearToDate == 0) s.SalesYearToDate = d.SalesYearToDate;
        if (s.SalesLastYear == 0) s.SalesLastYear = d.SalesLastYear;
        if (s.OutstandingAmount == 0) s.OutstandingAmount = d.OutstandingAmount;
        if (d.LastVerifiedAt > s.LastVerifiedAt || s.LastVerifiedAt is null) s.LastVerifiedAt = d.LastVerifiedAt ?? s.LastVerifiedAt;
    }
}

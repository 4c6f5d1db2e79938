using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Http;

namespace OutlookCrm.Api.Quality;

// Merging a duplicate contact into the survivor: the activities they attended, the colleagues reporting to
// them and the deals they prescribed point to the survivor; empty fields are filled; the duplicate is deleted.
internal static class ContactMerge
{
    public static async Task<Ok<ContactDto>> Merge(long id, MergeRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        if (!caller.IsManager) throw CrmProblem.Forbidden("Only managers and administrators merge records.");
        if (request.DuplicateId == id) throw CrmProblem.Invalid(nameof(request.DuplicateId), "A contact cannot be merged into itself.");
        var survivor = await db.Contacts.VisibleTo(db, caller).FirstOrDefaultAsync(k => k.Id == id) ?? throw CrmProblem.NotFound("Contact", id);
        var duplicate = await db.Contacts.VisibleTo(db, caller).FirstOrDefaultAsync(k => k.Id == request.DuplicateId)
            ?? throw CrmProblem.NotFound("Contact", request.DuplicateId);
        ifMatch.Check(survivor.Version);
        if (duplicate.Version != request.DuplicateVersion) throw CrmProblem.Stale();

        // The link's key holds the contact id: it is replaced, not edited; the activity is re-published to calendars.
        var links = await db.ActivityContacts.Where(l => l.ContactId == duplicate.Id).ToListAsync();
        var already = await db.ActivityContacts.Where(l => l.ContactId == survivor.Id).Select(l => l.ActivityId).ToListAsync();
        db.ActivityContacts.RemoveRange(links);
        db.ActivityContacts.AddRange(links.Where(l => !already.Contains(l.ActivityId)).Select(l => new ActivityContact { ActivityId = l.ActivityId, ContactId = survivor.Id }));
        var activityIds = links.Select(l => l.ActivityId).ToList();
        foreach (var a in await db.Activities.Where(a => activityIds.Contains(a.Id)).ToListAsync())
            db.Entry(a).Property(x => x.ChangeSeq).IsModified = true;
        foreach (var k in await db.Contacts.Where(k => k.ReportsToId == duplicate.Id).ToListAsync())
            k.ReportsToId = k.Id == survivor.Id ? null : survivor.Id;
        foreach (var d in await db.Deals.Where(d => d.PrescriberContactId == duplicate.Id).ToListAsync()) d.PrescriberContactId = survivor.Id;

        survivor.FirstName ??= duplicate.FirstName;
        survivor.JobTitle ??= duplicate.JobTitle;
        if (survivor.Email is null) survivor.Email = duplicate.Email;
        else if (survivor.Email2 is null && duplicate.Email != survivor.Email) survivor.Email2 = duplicate.Email;
        if (survivor.Email2 is null && duplicate.Email2 != survivor.Email) survivor.Email2 = duplicate.Email2;
        survivor.Phone ??= duplicate.Phone;
        survivor.Mobile ??= duplicate.Mobile;
        survivor.ExternalKey ??= duplicate.ExternalKey;
        if (duplicate.ReportsToId != survivor.Id) survivor.ReportsToId ??= duplicate.ReportsToId;
        survivor.IsPrescriber |= duplicate.IsPrescriber;
        duplicate.DeletedAt = DateTime.UtcNow;
        duplicate.Version++;
        survivor.Version++;
        await db.SaveChangesAsync();

        var dto = await db.Contacts.AsNoTracking().Where(k => k.Id == id).To<ContactDto>().FirstAsync();
        ETag.Set(response, dto.Version);
        return TypedResults.Ok(dto);
    }
}

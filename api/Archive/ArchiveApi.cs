namespace OutlookCrm.Api.Archive;

public sealed record ArchivedDto(long Id, long CompanyId, string Label, DateTime DeletedAt);

// DELETE archives (soft delete): the record leaves every list, the lookup and the sync feed (so Outlook drops
// it) and waits in the archive, from which a manager or an admin restores it.
public static class ArchiveApi
{
    public static RouteGroupBuilder MapArchive(this RouteGroupBuilder api)
    {
        api.MapDelete("/companies/{id:long}", ArchiveWrites.DeleteCompany).WithTags("Companies");
        api.MapDelete("/contacts/{id:long}", ArchiveWrites.DeleteContact).WithTags("Contacts");
        api.MapDelete("/activities/{id:long}", ArchiveWrites.DeleteActivity).WithTags("Activities");
        api.MapDelete("/notes/{id:long}", ArchiveWrites.DeleteNote).WithTags("Notes");
        api.MapDelete("/deals/{id:long}", ArchiveWrites.DeleteDeal).WithTags("Deals");
        api.MapPost("/companies/{id:long}/restore", ArchiveWrites.RestoreCompany).WithTags("Archive");
        api.MapPost("/contacts/{id:long}/restore", ArchiveWrites.RestoreContact).WithTags("Archive");
        api.MapPost("/activities/{id:long}/restore", ArchiveWrites.RestoreActivity).WithTags("Archive");
        api.MapPost("/notes/{id:long}/restore", ArchiveWrites.RestoreNote).WithTags("Archive");
        api.MapPost("/deals/{id:long}/restore", ArchiveWrites.RestoreDeal).WithTags("Archive");
        api.MapGet("/archive/{kind:regex(^(companies|contacts|activities|notes|deals)$)}", ListArchive).WithTags("Archive");
        return api;
    }

    // Keyset paging on id, like every list.
    internal static async Task<Ok<Page<ArchivedDto>>> ListArchive(string kind, CrmDbContext db, Caller caller, long? after, int? limit)
    {
        ArchiveWrites.RequireManager(caller);
        var size = Page<ArchivedDto>.Size(limit);
        var scope = db.Companies.InScopeOf(caller).Select(c => c.Id);
        var from = after ?? 0;
        var take = size + 1;
        var list = await (kind switch
        {
            "companies" => db.Companies.InScopeOf(caller).Where(c => c.DeletedAt != null && c.Id > from).OrderBy(c => c.Id).Take(take)
                .Select(c => new ArchivedDto(c.Id, c.Id, c.Name, c.DeletedAt!.Value)),
            "contacts" => db.Contacts.Where(k => k.DeletedAt != null && k.Id > from && scope.Contains(k.CompanyId)).OrderBy(k => k.Id).Take(take)
                .Select(k => new ArchivedDto(k.Id, k.CompanyId, (k.FirstName ?? "") + " " + k.LastName, k.DeletedAt!.Value)),
            "activities" => db.Activities.Where(a => a.DeletedAt != null && a.Id > from && scope.Contains(a.CompanyId)).OrderBy(a => a.Id).Take(take)
                .Select(a => new ArchivedDto(a.Id, a.CompanyId, a.Subject, a.DeletedAt!.Value)),
            "notes" => db.Notes.IgnoreQueryFilters().Where(n => n.DeletedAt != null && n.Id > from && scope.Contains(n.CompanyId)).OrderBy(n => n.Id).Take(take)
                .Select(n => new ArchivedDto(n.Id, n.CompanyId, n.Text.Length > 80 ? n.Text.Substring(0, 80) : n.Text, n.DeletedAt!.Value)),
            _ => db.Deals.IgnoreQueryFilters().Where(d => d.DeletedAt != null && d.Id > from && scope.Contains(d.CompanyId)).OrderBy(d => d.Id).Take(take)
                .Select(d => new ArchivedDto(d.Id, d.CompanyId, d.Title, d.DeletedAt!.Value)),
        }).AsNoTracking().ToListAsync();
        return TypedResults.Ok(Page<ArchivedDto>.From(list, size, r => r.Id));
    }
}

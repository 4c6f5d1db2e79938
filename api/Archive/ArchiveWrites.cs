using OutlookCrm.Api.Audit;

namespace OutlookCrm.Api.Archive;

internal static class ArchiveWrites
{
    public static void RequireManager(Caller caller)
    {
        if (!caller.IsManager) throw CrmProblem.Forbidden("Only a manager or an administrator can see the archive and restore from it.");
    }

    // If-Match is optional on DELETE: given, it must match (the record was not changed since it was read).
    private static void CheckIfMatch(HttpContext http, int version)
    {
        if (string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch)) return;
        IfMatch.BindAsync(http).Result.Check(version);
    }

    private static bool ManagesCompany(Caller caller, Company c) =>
        caller.Role == UserRole.Admin || (caller.Role == UserRole.Manager && (caller.SeesAll || c.TerritoryId == caller.TerritoryId));

    private static async Task<NoContent> Archive(CrmDbContext db, Caller caller, HttpContext http, IVersioned row, Action stamp)
    {
        CheckIfMatch(http, row.Version);
        stamp();
        row.Version++;
        AuditTrail.RecordChanges(db, caller);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteCompany(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        var c = await db.Companies.VisibleTo(caller).FirstOrDefaultAsync(x => x.Id == id) ?? throw CrmProblem.NotFound("Company", id);
        if (c.AccountManagerId != caller.UserId && !ManagesCompany(caller, c))
            throw CrmProblem.Forbidden("Only the account manager, the territory's manager or an administrator can delete a company.");
        return await Archive(db, caller, http, c, () => c.DeletedAt = DateTime.UtcNow);
    }

    public static async Task<NoContent> DeleteContact(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        var k = await db.Contacts.VisibleTo(db, caller).FirstOrDefaultAsync(x => x.Id == id) ?? throw CrmProblem.NotFound("Contact", id);
        return await Archive(db, caller, http, k, () => k.DeletedAt = DateTime.UtcNow);
    }

    public static async Task<NoContent> DeleteActivity(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        var a = await db.Activities.VisibleTo(db, caller).FirstOrDefaultAsync(x => x.Id == id) ?? throw CrmProblem.NotFound("Activity", id);
        if (a.OwnerId != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only the owner of an activity or a manager can delete it.");
        return await Archive(db, caller, http, a, () => a.DeletedAt = DateTime.UtcNow);
    }

    public static async Task<NoContent> DeleteNote(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        var n = await db.Notes.VisibleTo(db, caller).FirstOrDefaultAsync(x => x.Id == id) ?? throw CrmProblem.NotFound("Note", id);
        if (n.AuthorId != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only the author of a note or a manager can delete it.");
        // The note rule holds both ways: a done activity keeps at least one note.
        if (n.ActivityId is long activity
            && await db.Activities.AnyAsync(a => a.Id == activity && a.Status == ActivityStatus.Done && a.DeletedAt == null)
            && !await db.Notes.AnyAsync(x => x.ActivityId == activity && x.Id != n.Id))
            throw CrmProblem.Rule("This is the only note of a done activity: a done activity keeps its note. Add another note first, or reopen the activity.");
        return await Archive(db, caller, http, n, () => n.DeletedAt = DateTime.UtcNow);
    }

    public static async Task<NoContent> DeleteDeal(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        var d = await db.Deals.VisibleTo(db, caller).FirstOrDefaultAsync(x => x.Id == id) ?? throw CrmProblem.NotFound("Deal", id);
        if (d.OwnerId != caller.UserId && !caller.IsManager)
            throw CrmProblem.Forbidden("Only the owner of a deal or a manager can delete it.");
        return await Archive(db, caller, http, d, () => d.DeletedAt = DateTime.UtcNow);
    }

    public static async Task<NoContent> RestoreCompany(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        RequireManager(caller);
        var c = await db.Companies.InScopeOf(caller).FirstOrDefaultAsync(x => x.Id == id && x.DeletedAt != null)
            ?? throw CrmProblem.NotFound("Archived company", id);
        return await Archive(db, caller, http, c, () => c.DeletedAt = null);
    }

    public static async Task<NoContent> RestoreContact(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        RequireManager(caller);
        var companies = db.Companies.VisibleTo(caller).Select(c => c.Id);
        var k = await db.Contacts.FirstOrDefaultAsync(x => x.Id == id && x.DeletedAt != null && companies.Contains(x.CompanyId))
            ?? throw CrmProblem.NotFound("Archived contact (of a live company)", id);
        if (k.LastName == Erasure.ErasedName) throw CrmProblem.Rule("An erased contact cannot be restored.");
        return await Archive(db, caller, http, k, () => k.DeletedAt = null);
    }

    public static async Task<NoContent> RestoreActivity(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        RequireManager(caller);
        var companies = db.Companies.VisibleTo(caller).Select(c => c.Id);
        var a = await db.Activities.FirstOrDefaultAsync(x => x.Id == id && x.DeletedAt != null && companies.Contains(x.CompanyId))
            ?? throw CrmProblem.NotFound("Archived activity (of a live company)", id);
        return await Archive(db, caller, http, a, () => a.DeletedAt = null);
    }

    public static async Task<NoContent> RestoreNote(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        RequireManager(caller);
        var companies = db.Companies.VisibleTo(caller).Select(c => c.Id);
        var n = await db.Notes.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == id && x.DeletedAt != null && companies.Contains(x.CompanyId))
            ?? throw CrmProblem.NotFound("Archived note (of a live company)", id);
        return await Archive(db, caller, http, n, () => n.DeletedAt = null);
    }

    public static async Task<NoContent> RestoreDeal(long id, CrmDbContext db, Caller caller, HttpContext http)
    {
        RequireManager(caller);
        var companies = db.Companies.VisibleTo(caller).Select(c => c.Id);
        var d = await db.Deals.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == id && x.DeletedAt != null && companies.Contains(x.CompanyId))
            ?? throw CrmProblem.NotFound("Archived deal (of a live company)", id);
        return await Archive(db, caller, http, d, () => d.DeletedAt = null);
    }
}

namespace OutlookCrm.Api.Audit;

public sealed record HistoryEntryDto(DateTime At, int? UserId, string? UserName, string? Application, string Action,
    string? Field, string? OldValue, string? NewValue);

// Who changed which field, when: readable by whoever may read the record.
public static class AuditApi
{
    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder api)
    {
        api.MapGet("/companies/{id:long}/history", CompanyHistory).WithTags("Companies");
        api.MapGet("/contacts/{id:long}/history", ContactHistory).WithTags("Contacts");
        api.MapGet("/deals/{id:long}/changes", DealHistory).WithTags("Deals");
        return api;
    }

    internal static async Task<Ok<List<HistoryEntryDto>>> CompanyHistory(long id, CrmDbContext db, Caller caller) =>
        await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == id) ? TypedResults.Ok(await Read(db, nameof(Company), id))
            : throw CrmProblem.NotFound("Company", id);

    internal static async Task<Ok<List<HistoryEntryDto>>> ContactHistory(long id, CrmDbContext db, Caller caller) =>
        await db.Contacts.VisibleTo(db, caller).AnyAsync(c => c.Id == id) ? TypedResults.Ok(await Read(db, nameof(Contact), id))
            : throw CrmProblem.NotFound("Contact", id);

    internal static async Task<Ok<List<HistoryEntryDto>>> DealHistory(long id, CrmDbContext db, Caller caller) =>
        await db.Deals.VisibleTo(db, caller).AnyAsync(d => d.Id == id) ? TypedResults.Ok(await Read(db, nameof(Deal), id))
            : throw CrmProblem.NotFound("Deal", id);

    private static Task<List<HistoryEntryDto>> Read(CrmDbContext db, string type, long id) =>
        db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type && a.EntityId == id).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(500)
            .Select(a => new HistoryEntryDto(a.At, a.UserId, db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                a.Application, a.Action, a.Field, a.OldValue, a.NewValue))
            .ToListAsync();
}

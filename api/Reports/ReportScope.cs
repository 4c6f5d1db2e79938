using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Reports;

public sealed record ScopeUser(int Id, string Name, int? TerritoryId, string? TerritoryName);

// Whose figures a caller may read: a rep only their own, a manager their territory (or all), an admin all.
// Work figures are counted by owner (who did the work); customer lists also pass through Visibility.
public sealed record ReportScope(Caller Caller, IReadOnlyList<ScopeUser> Users, int? TerritoryId, int? RepId)
{
    public List<int> UserIds => Users.Select(u => u.Id).ToList();

    public static async Task<ReportScope> ResolveAsync(CrmDbContext db, Caller caller, int? territory, int? rep)
    {
        var me = caller.RequireUser();
        if (!caller.IsManager)
        {
            if ((rep is not null && rep != me) || (territory is not null && territory != caller.TerritoryId))
                throw CrmProblem.Forbidden("A rep can only read their own figures.");
            return new(caller, await LoadUsers(db, u => u.Id == me), null, me);
        }
        if (!caller.SeesAll)
        {
            if (territory is not null && territory != caller.TerritoryId)
                throw CrmProblem.Forbidden("You can only read the figures of your own territory.");
            territory = caller.TerritoryId;
        }
        else if (territory is not null && !await db.Territories.AnyAsync(t => t.Id == territory))
            throw CrmProblem.NotFound("Territory", territory);
        if (rep is not null)
        {
            var users = await LoadUsers(db, u => u.Id == rep && (territory == null || u.TerritoryId == territory));
            if (users.Count == 0) throw CrmProblem.NotFound("User", rep);
            return new(caller, users, territory, rep);
        }
        // Without a rep filter the rows are the reps (managers' own selling would be noise beside theirs).
        return new(caller, await LoadUsers(db, u => u.Role == UserRole.Rep && u.IsActive && (territory == null || u.TerritoryId == territory)),
            territory, null);
    }

    // Customers the scope answers for: the rep's accounts, the territory's, or every visible one.
    public IQueryable<Company> Companies(CrmDbContext db)
    {
        var q = db.Companies.AsNoTracking().VisibleTo(Caller);
        if (RepId is { } rep) return q.Where(c => c.AccountManagerId == rep);
        if (TerritoryId is { } t) return q.Where(c => c.TerritoryId == t);
        return q;
    }

    private static Task<List<ScopeUser>> LoadUsers(CrmDbContext db, System.Linq.Expressions.Expression<Func<User, bool>> filter) =>
        db.Users.AsNoTracking().Where(filter).OrderBy(u => u.DisplayName)
            .Select(u => new ScopeUser(u.Id, u.DisplayName, u.TerritoryId, u.Territory != null ? u.Territory.Name : null))
            .ToListAsync();
}

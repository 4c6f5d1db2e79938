namespace OutlookCrm.Api.Auth;

// The visibility rule, in one place: every query of customer data starts from VisibleTo.
public static class Visibility
{
    public static IQueryable<Company> VisibleTo(this IQueryable<Company> companies, Caller caller) =>
        companies.Where(c => c.DeletedAt == null).InScopeOf(caller);

    // The same rule, archived companies included: the archive list and restore start here.
    public static IQueryable<Company> InScopeOf(this IQueryable<Company> live, Caller caller)
    {
        if (caller.SeesAll) return live;
        var shared = caller.PublicStatuses.ToList();
        var me = caller.UserId;
        if (caller.Role == UserRole.Manager)
        {
            var territory = caller.TerritoryId;
            return live.Where(c => c.TerritoryId == territory || c.AccountManagerId == me || shared.Contains(c.Status));
        }
        return live.Where(c => c.AccountManagerId == me || shared.Contains(c.Status));
    }

    // The same rule for a company in memory (the import decides thousands of rows without a query each).
    public static bool Sees(this Caller caller, Company c) =>
        c.DeletedAt is null && (caller.SeesAll || c.AccountManagerId == caller.UserId || caller.PublicStatuses.Contains(c.Status)
            || (caller.Role == UserRole.Manager && c.TerritoryId == caller.TerritoryId));

    public static IQueryable<Contact> VisibleTo(this IQueryable<Contact> contacts, CrmDbContext db, Caller caller)
    {
        var companyIds = db.Companies.VisibleTo(caller).Select(c => c.Id);
        return contacts.Where(k => k.DeletedAt == null && companyIds.Contains(k.CompanyId));
    }

    public static IQueryable<Activity> VisibleTo(this IQueryable<Activity> activities, CrmDbContext db, Caller caller)
    {
        var companyIds = db.Companies.VisibleTo(caller).Select(c => c.Id);
        return activities.Where(a => a.DeletedAt == null && companyIds.Contains(a.CompanyId));
    }

    public static IQueryable<Note> VisibleTo(this IQueryable<Note> notes, CrmDbContext db, Caller caller)
    {
        var companyIds = db.Companies.VisibleTo(caller).Select(c => c.Id);
        return notes.Where(n => companyIds.Contains(n.CompanyId));
    }

    public static IQueryable<Deal> VisibleTo(this IQueryable<Deal> deals, CrmDbContext db, Caller caller)
    {
        var companyIds = db.Companies.VisibleTo(caller).Select(c => c.Id);
        return deals.Where(d => companyIds.Contains(d.CompanyId));
    }
}

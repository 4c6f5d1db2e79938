using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record UntouchedClient(long CompanyId, string Company, string? Category, string? City,
    int? AccountManagerId, string? AccountManager, string? Territory, DateTime? LastContactUtc, decimal SalesLastYear);

// Clients (status Client) in the scope with no done customer activity, by anyone, during the period;
// the last contact is their latest done activity before the period ended (null: never).
public static class UntouchedClients
{
    public static Task<List<UntouchedClient>> ListAsync(CrmDbContext db, ReportScope scope, ReportPeriod p)
    {
        var (start, end) = (p.StartUtc, p.EndUtc);
        var done = db.Activities.Where(a => a.DeletedAt == null && a.Status == ActivityStatus.Done && a.Type != ActivityType.Task);
        return scope.Companies(db)
            .Where(c => c.Status == CompanyStatus.Client && !done.Any(a => a.CompanyId == c.Id && a.StartUtc >= start && a.StartUtc < end))
            .OrderBy(c => c.AccountManager!.DisplayName).ThenBy(c => c.Name)
            .Select(c => new UntouchedClient(c.Id, c.Name, c.Category.HasValue ? c.Category.Value.ToString() : null, c.City,
                c.AccountManagerId, c.AccountManager != null ? c.AccountManager.DisplayName : null,
                c.Territory != null ? c.Territory.Name : null,
                done.Where(a => a.CompanyId == c.Id && a.StartUtc < end).Max(a => (DateTime?)a.StartUtc),
                c.SalesLastYear))
            .ToListAsync();
    }
}

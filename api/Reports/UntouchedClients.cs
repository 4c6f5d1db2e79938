using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Reports;

public sealed record UntouchedClient(long CompanyId, string Company, string? Category, string? City,
    int? AccountManagerId, string? AccountManager, string? Territory, DateTime? LastContactUtc, decimal SalesLastYear,
    int? DaysSinceLastContact = null);

// Clients (status Client) in the scope with no done customer activity, by anyone, during the period;
// the last contact is their latest contact (LastContact) before the period ended (null: never), and the days since
// it are counted to the period's last day (today by default), as the alerts count them to today.
public static class UntouchedClients
{
    public static async Task<List<UntouchedClient>> ListAsync(CrmDbContext db, ReportScope scope, ReportPeriod p)
    {
        var (start, end) = (p.StartUtc, p.EndUtc);
        var done = LastContact.Contacts(db);
        var list = await scope.Companies(db)
            .Where(c => c.Status == CompanyStatus.Client && !done.Any(a => a.CompanyId == c.Id && a.StartUtc >= start && a.StartUtc < end))
            .OrderBy(c => c.AccountManager!.DisplayName).ThenBy(c => c.Name)
            .Select(c => new UntouchedClient(c.Id, c.Name, c.Category.HasValue ? c.Category.Value.ToString() : null, c.City,
                c.AccountManagerId, c.AccountManager != null ? c.AccountManager.DisplayName : null,
                c.Territory != null ? c.Territory.Name : null,
                done.Where(a => a.CompanyId == c.Id && a.StartUtc < end).Max(a => (DateTime?)a.StartUtc),
                c.SalesLastYear, null))
            .ToListAsync();
        return list.Select(c => c.LastContactUtc is { } last ? c with { DaysSinceLastContact = LastContact.DaysSince(last, p.To, p.Zone) } : c)
            .ToList();
    }
}

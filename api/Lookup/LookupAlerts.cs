using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

// Pipeline alerts on the card: those of the open deals of the companies shown (already visible to the caller).
internal static class LookupAlerts
{
    public static async Task<Dictionary<long, IReadOnlyList<LookupAlert>>> ForCompanies(CrmDbContext db, Caller caller, List<long> companyIds,
        DateTime now, AlertOptions? options = null)
    {
        if (companyIds.Count == 0) return [];
        var alerts = await PipelineAlerts.ForDealsAsync(db, db.Deals.Where(d => companyIds.Contains(d.CompanyId)), options ?? new AlertOptions(), now);
        return alerts.GroupBy(a => a.CompanyId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<LookupAlert>)g.Select(a => new LookupAlert(a.Kind, a.DealId, $"{a.Deal}: {a.Message}")).ToList());
    }
}

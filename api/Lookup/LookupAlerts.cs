using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

// Pipeline alerts shown on the card; computed by the alerts feature once it lands.
internal static class LookupAlerts
{
    public static Task<Dictionary<long, IReadOnlyList<LookupAlert>>> ForCompanies(CrmDbContext db, Caller caller, List<long> companyIds, DateTime now) =>
        Task.FromResult(new Dictionary<long, IReadOnlyList<LookupAlert>>());
}

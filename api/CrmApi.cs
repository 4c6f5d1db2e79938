using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Companies;

namespace OutlookCrm.Api;

// The table of contents of /api: one line per feature.
public static class CrmApi
{
    public static void MapCrmApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AuthSetup.UserPolicy);
        api.MapCompanies();
    }
}

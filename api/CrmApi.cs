using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Archive;
using OutlookCrm.Api.Audit;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Export;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Notes;
using OutlookCrm.Api.Quality;
using OutlookCrm.Api.Reference;
using OutlookCrm.Api.Reports;
using OutlookCrm.Api.Sync;
using OutlookCrm.Api.Products;
using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Orders;
using OutlookCrm.Api.Commissions;
using OutlookCrm.Api.Erp;
using OutlookCrm.Api.FollowUps;
using OutlookCrm.Api.Forecast;

namespace OutlookCrm.Api;

// The table of contents of /api: one line per feature.
public static class CrmApi
{
    public static void MapCrmApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AuthSetup.UserPolicy)
            .AddEndpointFilter(StrictArguments.Filter).RequireRateLimiting(AbuseLimits.PerUser);
        api.MapReference();
        api.MapCompanies();
        api.MapContacts();
        api.MapActivities();
        api.MapNotes();
        api.MapDeals();
        api.MapLookup();
        api.MapSync();
        api.MapImport();
        api.MapExport();
        api.MapQuality();
        api.MapReports();
        api.MapAlerts();
        api.MapProducts();
        api.MapQuotes();
        api.MapOrders();
        api.MapCommissions();
        api.MapErp();
        api.MapFollowUps();
        api.MapForecast();
        api.MapArchive();
        api.MapErasure();
        api.MapHistory();
    }
}

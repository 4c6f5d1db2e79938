namespace OutlookCrm.Api.Quality;

// Data quality: the review queue of stale records, probable duplicates, and merging them.
public static class QualityApi
{
    public static RouteGroupBuilder MapQuality(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/quality").WithTags("Quality");
        group.MapGet("/review", ReviewQueueApi.GetQueue);
        group.MapPost("/review/companies/{id:long}/confirm", ReviewQueueApi.ConfirmCompany);
        group.MapPost("/review/contacts/{id:long}/confirm", ReviewQueueApi.ConfirmContact);
        group.MapGet("/duplicates/companies", Duplicates.Companies);
        group.MapGet("/duplicates/contacts", Duplicates.Contacts);
        group.MapPost("/companies/{id:long}/merge", CompanyMerge.Merge);
        group.MapPost("/contacts/{id:long}/merge", ContactMerge.Merge);
        return api;
    }
}

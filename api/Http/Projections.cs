using Mapster;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Notes;

namespace OutlookCrm.Api.Http;

// Entity → DTO as SQL projections: Mapster's ProjectToType builds the Select expression once per pair, and EF Core
// translates it like a hand-written one (the endpoints' and contract tests check the values on both providers).
// Same-named members and flattened navigations (Company.Name → CompanyName) map by themselves; only the rest is here.
public static class Projections
{
    public static readonly TypeAdapterConfig Config = Build();

    public static IQueryable<T> To<T>(this IQueryable source) => source.ProjectToType<T>(Config);

    private static TypeAdapterConfig Build()
    {
        var config = new TypeAdapterConfig();
        // Written out: with .Map(…) for its two computed members, Mapster put each of them both in the constructor call
        // (ProductFamilies behind a null test) and in an initializer after it, so the product families' list came three
        // times into the expression and EF joined CompanyProductFamilies three times (n³ rows for n families, on every
        // company read and search).
        config.NewConfig<Company, CompanyDto>().MapWith(c => new CompanyDto(c.Id, c.Name, c.Status, c.Category, c.AccountManagerId,
            c.AccountManager != null ? c.AccountManager.DisplayName : null, c.TerritoryId, c.Territory != null ? c.Territory.Name : null,
            c.ParentCompanyId, c.Street, c.PostalCode, c.City, c.Country, c.Phone, c.Website, c.Email, c.SalesYearToDate, c.SalesLastYear,
            c.OutstandingAmount, c.LastVerifiedAt, c.ExternalKey, c.ProductFamilies.Select(p => p.ProductFamily!.Name).ToList(), c.Version),
            applySettings: false);
        config.NewConfig<Contact, ContactDto>();
        config.NewConfig<Note, NoteDto>()
            .Map(d => d.AuthorName, n => n.Author!.DisplayName);
        config.Compile();
        return config;
    }
}

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
        config.NewConfig<Company, CompanyDto>()
            .Map(d => d.AccountManagerName, c => c.AccountManager != null ? c.AccountManager.DisplayName : null)
            .Map(d => d.ProductFamilies, c => c.ProductFamilies.Select(p => p.ProductFamily!.Name).ToList());
        config.NewConfig<Contact, ContactDto>();
        config.NewConfig<Note, NoteDto>()
            .Map(d => d.AuthorName, n => n.Author!.DisplayName);
        config.Compile();
        return config;
    }
}

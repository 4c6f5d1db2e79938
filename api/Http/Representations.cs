using Mapster;
using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Notes;

namespace OutlookCrm.Api.Http;

// A stored record as the request that would write it: the base a JSON Merge Patch is applied to.
// Mapster maps the same-named fields; only what differs in shape is spelled out.
public static class Representations
{
    private static readonly TypeAdapterConfig Config = Build();

    public static T Of<T>(object entity) => entity.Adapt<T>(Config);

    private static TypeAdapterConfig Build()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<Company, CompanyRequest>()
            .Map(r => r.ProductFamilies, c => c.ProductFamilies.Select(p => p.ProductFamily!.Name).OrderBy(n => n).ToList());
        config.NewConfig<Activity, ActivityRequest>()
            .Map(r => r.StartUtc, a => Utc(a.StartUtc))
            .Map(r => r.EndUtc, a => a.EndUtc == null ? (DateTimeOffset?)null : Utc(a.EndUtc.Value))
            .Map(r => r.ContactIds, a => a.Contacts.Select(c => c.ContactId).OrderBy(x => x).ToList())
            .Map(r => r.OwnerId, a => (int?)a.OwnerId)
            .Ignore(r => r.Note!);
        config.NewConfig<Deal, DealRequest>()
            .Map(r => r.ProductFamily, d => d.ProductFamily == null ? null : d.ProductFamily.Name)
            .Map(r => r.StageId, d => (int?)d.StageId)
            .Map(r => r.OwnerId, d => (int?)d.OwnerId);
        config.NewConfig<Note, NoteTextRequest>();
        config.NewConfig<Contact, ContactRequest>();
        config.Compile();
        return config;
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}

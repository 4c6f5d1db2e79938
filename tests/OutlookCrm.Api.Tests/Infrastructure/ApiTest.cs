using System.Collections.Concurrent;
using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Notes;

namespace OutlookCrm.Api.Tests.Infrastructure;

// Base of the suites that run on both providers: each concrete class gets one API and database.
public abstract class ApiTest
{
    private static readonly ConcurrentDictionary<Type, Lazy<(CrmApp App, SalesTeam Team)>> Apps = new();

    protected abstract Provider Provider { get; }

    protected CrmApp App => Fixture.App;
    protected SalesTeam Team => Fixture.Team;

    private (CrmApp App, SalesTeam Team) Fixture => Apps.GetOrAdd(GetType(), _ => new(() =>
    {
        var app = new CrmApp(Provider);
        app.CreateClient().Dispose(); // starts the host: migrations run
        return (app, SalesTeam.Create(app));
    })).Value;

    internal static void DisposeApps()
    {
        foreach (var app in Apps.Values.Where(a => a.IsValueCreated)) app.Value.App.Dispose();
    }

    protected HttpClient As(User user) => App.ClientFor(user);

    // The same user with a French browser's Accept-Language, as the pane in French sends it.
    protected HttpClient French(User user)
    {
        var client = As(user);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9,en;q=0.5");
        return client;
    }

    protected static async Task<CompanyDto> NewCompany(HttpClient client, string name, User? manager = null, CompanyStatus status = CompanyStatus.Client) =>
        await (await client.Post("/api/companies", new { name, status, accountManagerId = manager?.Id })).Read<CompanyDto>(System.Net.HttpStatusCode.Created);

    protected static async Task<ContactDto> NewContact(HttpClient client, long companyId, string lastName, string? email = null) =>
        await (await client.Post("/api/contacts", new { companyId, lastName, firstName = "Test", email })).Read<ContactDto>(System.Net.HttpStatusCode.Created);

    protected static async Task<ActivityDto> NewVisit(HttpClient client, long companyId, DateTimeOffset? start = null, object? extra = null)
    {
        var s = start ?? DateTimeOffset.UtcNow.AddDays(1);
        var response = await client.Post("/api/activities", Merge(new { type = "Visit", subject = "Visit", startUtc = s, endUtc = s.AddHours(1), companyId, timeZone = "Europe/Paris" }, extra));
        return await response.Read<ActivityDto>(System.Net.HttpStatusCode.Created);
    }

    protected static async Task<NoteDto> NewNote(HttpClient client, object target) =>
        await (await client.Post("/api/notes", target)).Read<NoteDto>(System.Net.HttpStatusCode.Created);

    protected static async Task<DealDto> NewDeal(HttpClient client, long companyId, string title = "Deal", decimal amount = 1000) =>
        await (await client.Post("/api/deals", new { companyId, title, amount })).Read<DealDto>(System.Net.HttpStatusCode.Created);

    protected static string Tag(int version) => $"\"{version}\"";

    private static Dictionary<string, object?> Merge(object a, object? b)
    {
        var d = a.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(a));
        if (b is not null) foreach (var p in b.GetType().GetProperties()) d[p.Name] = p.GetValue(b);
        return d;
    }
}

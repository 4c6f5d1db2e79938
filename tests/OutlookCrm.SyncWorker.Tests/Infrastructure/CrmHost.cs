using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Data;

namespace OutlookCrm.SyncWorker.Tests.Infrastructure;

// The real CRM API in-process on its own SQLite file, with the development sign-in on (the worker gets its
// app-role token from /dev/app-token, as in the embedded run). Test data is written through the CRM's DbContext,
// whose SaveChanges stamps the change feed exactly as the API's own writes do.
public sealed class CrmHost : WebApplicationFactory<Program>
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"crm_sync_{Guid.NewGuid():N}.db");
    // PostgreSQL when given a server's connection string (CRM_TEST_PG), else a SQLite file.
    private string? _postgres;

    public User RepA { get; private set; } = null!;
    public User RepB { get; private set; } = null!;
    public User Manager { get; private set; } = null!;
    public Territory North { get; private set; } = null!;

    // Where the API listens when started with Kestrel (worker processes of the benchmark reach it over loopback TCP).
    public Uri? KestrelAddress { get; private set; }

    // kestrel: the API on a loopback port (dynamic) instead of the in-memory test server, for worker processes.
    public static CrmHost Start(string? postgres = null, bool kestrel = false)
    {
        var host = new CrmHost { _postgres = postgres is null ? null : $"{postgres};Database=crm_sync_{Guid.NewGuid():N}" };
        if (kestrel)
        {
            host.UseKestrel(0);
            host.StartServer(); // starts the API: migrations run
            var addresses = host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            host.KestrelAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/') + "/");
        }
        else host.CreateClient().Dispose(); // starts the API: migrations run
        host.WithDb(db =>
        {
            host.North = new Territory { Name = "North" };
            User U(string login, UserRole role) => new()
            {
                DisplayName = login, Upn = $"{login}@test.example", EntraObjectId = $"oid-{login}", Role = role, Territory = host.North,
            };
            (host.RepA, host.RepB, host.Manager) = (U("rep-a", UserRole.Rep), U("rep-b", UserRole.Rep), U("manager", UserRole.Manager));
            db.Users.AddRange(host.RepA, host.RepB, host.Manager);
            db.SaveChanges();
            return 0;
        });
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", _postgres is null ? "Sqlite" : "PostgreSql");
        builder.UseSetting("Database:ConnectionString", _postgres ?? $"Data Source={_file}");
        builder.UseSetting("Auth:DevSignIn", "true");
        builder.UseSetting("Auth:DevSigningKey", "outlookcrm-sync-test-signing-key");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public T WithDb<T>(Func<CrmDbContext, T> action)
    {
        using var scope = Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    public User AddRep(string login) => WithDb(db =>
    {
        var user = new User { DisplayName = login, Upn = $"{login}@test.example", EntraObjectId = $"oid-{login}", Role = UserRole.Rep, TerritoryId = North.Id };
        db.Users.Add(user);
        db.SaveChanges();
        return user;
    });

    public void Change(Action<CrmDbContext> action) => WithDb(db => { action(db); db.SaveChanges(); return 0; });

    public Company AddCompany(string name, User? manager, int contacts, CompanyStatus status = CompanyStatus.Client, CustomerCategory? category = CustomerCategory.A) =>
        WithDb(db =>
        {
            var company = new Company
            {
                Name = name, Status = status, Category = category, AccountManagerId = manager?.Id, TerritoryId = North.Id,
                Street = "1 rue de la Paix", PostalCode = "75002", City = "Paris", Country = "France", Phone = "+33 1 00 00 00 00",
                SalesYearToDate = 12500.5m, SalesLastYear = 9800m, OutstandingAmount = 420m,
            };
            for (var i = 1; i <= contacts; i++)
                company.Contacts.Add(new Contact
                {
                    FirstName = $"First{i}", LastName = $"{name} Last{i}", JobTitle = "Buyer",
                    Email = $"c{i}@{Slug(name)}.example", Mobile = $"+33 6 00 00 00 {i:00}",
                });
            db.Companies.Add(company);
            db.SaveChanges();
            return company;
        });

    public Activity AddActivity(User owner, long companyId, DateTime startUtc, string timeZone = "Europe/Paris", string subject = "Visit")
        => WithDb(db =>
        {
            var a = new Activity
            {
                Type = ActivityType.Visit, Subject = subject, StartUtc = startUtc, EndUtc = startUtc.AddHours(1), TimeZone = timeZone,
                CompanyId = companyId, OwnerId = owner.Id, Status = ActivityStatus.Planned, Details = "Bring the new catalogue",
            };
            db.Activities.Add(a);
            db.SaveChanges();
            return a;
        });

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { File.Delete(_file); } catch (IOException) { }
    }
}

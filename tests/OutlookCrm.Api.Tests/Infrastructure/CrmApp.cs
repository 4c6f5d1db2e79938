using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Tests.Infrastructure;

public enum Provider { Sqlite, PostgreSql }

// The real API over HTTP, on its own database, with tokens signed by a test key as Entra ID would sign them.
public sealed class CrmApp : WebApplicationFactory<Program>
{
    public const string SigningKey = "outlookcrm-test-signing-key";
    public Provider Provider { get; }
    public string ConnectionString { get; }
    public AuthOptions Auth { get; } = new() { DevSignIn = true, DevSigningKey = SigningKey };

    // Each host would watch its appsettings files for changes: one inotify instance each, and the suite keeps a host per
    // test class alive (Linux allows 128 per user by default). The tests never edit those files: no watching.
    static CrmApp() => System.Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

    // connectionString: a database of the test's own (the fault tests use their own PostgreSQL server).
    public CrmApp(Provider provider, string? environment = null, string? connectionString = null)
    {
        Provider = provider;
        Environment = environment ?? "Development";
        var name = $"crm_{Guid.NewGuid():N}";
        ConnectionString = connectionString ?? (provider == Provider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}"
            : TestPostgres.Database(name));
    }

    private string Environment { get; }

    // Extra configuration for one test's host (set before the first request).
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Auth:DevSignIn", "true");
        builder.UseSetting("Auth:DevSigningKey", SigningKey);
        builder.UseSetting("Demo:Seed", "false");
        // The rate limit has its own test; the other suites send thousands of requests as one user.
        builder.UseSetting("RateLimit:PermitsPerMinute", "1000000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public T WithDb<T>(Func<CrmDbContext, T> action)
    {
        using var scope = Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    public HttpClient ClientFor(User user) => Authorized(DevSignInApi.UserToken(Auth, user.EntraObjectId!, user.DisplayName, user.Upn, TimeSpan.FromHours(1)));

    public HttpClient SyncClientFor(User? rep)
    {
        var client = Authorized(DevSignInApi.AppToken(Auth, TimeSpan.FromHours(1)));
        if (rep is not null) client.DefaultRequestHeaders.Add(Caller.ActAsHeader, rep.Id.ToString());
        return client;
    }

    public HttpClient Authorized(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

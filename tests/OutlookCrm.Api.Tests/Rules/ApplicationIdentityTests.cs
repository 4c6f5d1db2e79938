using System.Net;
using System.Security.Claims;
using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Reference;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

// Issue 13 §1 and issue 10 §1: scope and app-role checks of Microsoft.Identity.Web, and the sync application's narrow rights.
public abstract class ApplicationIdentityTests : ApiTest
{
    private HttpClient Token(params Claim[] claims) => App.Authorized(DevSignInApi.Sign(App.Auth, TimeSpan.FromHours(1), claims));

    // Every write and read a user makes, none of which the worker needs.
    private static readonly (string Method, string Url)[] UserOnlyRoutes =
    [
        ("POST", "/api/companies"), ("PUT", "/api/companies/1"), ("PATCH", "/api/companies/1"), ("DELETE", "/api/companies/1"),
        ("GET", "/api/companies"), ("GET", "/api/companies/1"), ("POST", "/api/contacts"), ("PUT", "/api/contacts/1"),
        ("DELETE", "/api/contacts/1"), ("POST", "/api/notes"), ("POST", "/api/deals"), ("GET", "/api/deals"),
        ("PUT", "/api/activities/1"), ("DELETE", "/api/activities/1"), ("GET", "/api/users"), ("GET", "/api/reports/summary"),
        ("POST", "/api/import"), ("GET", "/api/export/companies.csv"), ("GET", "/api/archive/companies"),
        ("POST", "/api/contacts/1/erase"), ("GET", "/api/companies/1/history"),
    ];

    private static HttpRequestMessage Request(string method, string url) =>
        new(new HttpMethod(method), url)
        {
            Content = method is "GET" or "DELETE" ? null
                : new StringContent("{}", System.Text.Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json"),
        };

    [TestMethod]
    public async Task TheSyncApplicationWithoutActAsCannotWriteOrReadCustomerData()
    {
        var app = App.SyncClientFor(null);
        foreach (var (method, url) in UserOnlyRoutes)
        {
            var problem = await (await app.SendAsync(Request(method, url))).AssertProblem(HttpStatusCode.Forbidden);
            StringAssert.Contains(problem.GetProperty("detail").GetString(), "reserved to users", $"{method} {url}");
        }
        foreach (var url in new[] { "/api/sync/companies", "/api/sync/activities", "/api/lookup?email=a@b.example", "/api/activities/1" })
        {
            var problem = await (await app.GetAsync(url)).AssertProblem(HttpStatusCode.Forbidden);
            StringAssert.Contains(problem.GetProperty("detail").GetString(), "X-Act-As", url);
        }
        await (await app.Post("/api/activities", new { type = "Visit", subject = "s", startUtc = DateTimeOffset.UtcNow, companyId = 1 }))
            .AssertProblem(HttpStatusCode.Forbidden);
        Assert.AreEqual(0, App.WithDb(db => db.Companies.Count(c => c.Name == "{}")));
    }

    [TestMethod]
    public async Task TheSyncApplicationActingForARepIsStillLimitedToTheWorkersRoutes()
    {
        var app = App.SyncClientFor(Team.RepA);
        foreach (var (method, url) in UserOnlyRoutes)
            await (await app.SendAsync(Request(method, url))).AssertProblem(HttpStatusCode.Forbidden);

        var company = await NewCompany(As(Team.RepA), "App identity 1");
        await (await app.GetAsync("/api/sync/companies?cursor=0")).Read<Sync.ChangePage<Sync.SyncCompany>>();
        await (await app.GetAsync("/api/sync/activities?cursor=0")).Read<Sync.SyncActivities>();
        await (await app.GetAsync("/api/lookup?email=nobody@app1.example")).Read<System.Text.Json.JsonElement>();
        var logged = await (await app.Post("/api/activities", new { type = "Visit", subject = "From Outlook", startUtc = DateTimeOffset.UtcNow, companyId = company.Id,
            outlookICalUId = "uid-app-identity-1", note = "Met the buyer" })).Read<ActivityDto>(HttpStatusCode.Created);
        Assert.AreEqual(Team.RepA.Id, logged.OwnerId);
        var read = await app.GetAsync($"/api/activities/{logged.Id}");
        await read.Read<ActivityDto>();
        await (await app.Send(HttpMethod.Post, $"/api/activities/{logged.Id}/close", new { outcome = "ok" }, read.ETag())).Read<ActivityDto>();
        await (await app.GetAsync("/api/sync/mailboxes")).Read<List<Sync.Mailbox>>();
    }

    [TestMethod]
    public async Task MeTellsTheApplicationWhatItIs()
    {
        var alone = await (await App.SyncClientFor(null).GetAsync("/api/me")).Read<MeDto>();
        Assert.AreEqual("application", alone.Kind);
        Assert.AreEqual("outlookcrm-sync-worker", alone.Application);
        Assert.IsNull(alone.Id);
        Assert.IsNull(alone.Role);

        var acting = await (await App.SyncClientFor(Team.RepB).GetAsync("/api/me")).Read<MeDto>();
        Assert.AreEqual(("application", Team.RepB.Id), (acting.Kind, acting.Id));

        var user = await (await As(Team.RepA).GetAsync("/api/me")).Read<MeDto>();
        Assert.AreEqual(("user", Team.RepA.Id, (string?)null), (user.Kind, user.Id, user.Application));
    }

    [TestMethod]
    public async Task AUserTokenWithoutTheApiScopeIsForbidden()
    {
        var oid = Team.Admin.EntraObjectId!;
        var otherScope = Token(new("oid", oid), new("scp", "User.Read"));
        var problem = await (await otherScope.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Forbidden);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "access_as_user");
        await (await Token(new Claim("oid", oid)).GetAsync("/api/companies")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Token(new("oid", oid), new("scp", "User.Read access_as_user")).GetAsync("/api/me")).Read<MeDto>();
    }

    [TestMethod]
    public async Task AnApplicationTokenWithoutTheSyncRoleIsForbidden()
    {
        var other = Token(new("roles", "Reports.Read"), new("azp", "another-app"), new("idtyp", "app"));
        await (await other.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Forbidden);
        other.DefaultRequestHeaders.Add(Caller.ActAsHeader, Team.Admin.Id.ToString());
        await (await other.GetAsync("/api/sync/companies")).AssertProblem(HttpStatusCode.Forbidden);
        await (await other.GetAsync("/api/companies")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [TestMethod]
    public async Task AUserWithTheSyncRoleAssignedCannotActForSomeoneElse()
    {
        var client = Token(new("oid", Team.RepA.EntraObjectId!), new("scp", "access_as_user"), new("roles", "Crm.Sync"));
        client.DefaultRequestHeaders.Add(Caller.ActAsHeader, Team.Admin.Id.ToString());
        var me = await (await client.GetAsync("/api/me")).Read<MeDto>();
        Assert.AreEqual(("user", Team.RepA.Id), (me.Kind, me.Id));
    }

    [TestMethod]
    public async Task ATokenFromAnotherTenantIsRejected()
    {
        var foreign = Token(new("tid", "11111111-2222-3333-4444-555555555555"), new("oid", Team.RepA.EntraObjectId!), new("scp", "access_as_user"));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await foreign.GetAsync("/api/me")).StatusCode);
    }
}

[TestClass] public sealed class ApplicationIdentityOnSqlite : ApplicationIdentityTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ApplicationIdentityOnPostgreSql : ApplicationIdentityTests { protected override Provider Provider => Provider.PostgreSql; }

[TestClass]
public sealed class MultiTenantSignInTests
{
    private const string Contoso = "0c0c0c0c-0000-0000-0000-000000000001", Fabrikam = "0f0f0f0f-0000-0000-0000-000000000002";

    private static async Task<HttpStatusCode> MeFrom(CrmApp app, SalesTeam team, string tenant)
    {
        var token = DevSignInApi.Sign(app.Auth, TimeSpan.FromHours(1), new("tid", tenant), new("oid", team.RepA.EntraObjectId!), new("scp", "access_as_user"));
        return (await app.Authorized(token).GetAsync("/api/me")).StatusCode;
    }

    [TestMethod]
    public async Task AMultiTenantApiAcceptsOnlyTheConfiguredTenants()
    {
        using var app = new CrmApp(Provider.Sqlite) { Settings = { ["Auth:TenantId"] = "organizations", ["Auth:AllowedTenants:0"] = Contoso } };
        app.Auth.TenantId = "organizations";
        var team = SalesTeam.Create(app);
        Assert.AreEqual(HttpStatusCode.OK, await MeFrom(app, team, Contoso));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await MeFrom(app, team, Fabrikam));
    }

    [TestMethod]
    public async Task AMultiTenantApiWithoutATenantListAcceptsAnyTenantsIssuer()
    {
        using var app = new CrmApp(Provider.Sqlite) { Settings = { ["Auth:TenantId"] = "organizations" } };
        app.Auth.TenantId = "organizations";
        var team = SalesTeam.Create(app);
        Assert.AreEqual(HttpStatusCode.OK, await MeFrom(app, team, Contoso));
        Assert.AreEqual(HttpStatusCode.OK, await MeFrom(app, team, Fabrikam));
    }

    [TestMethod]
    public async Task ASingleTenantApiRejectsAnotherTenantsToken()
    {
        using var app = new CrmApp(Provider.Sqlite) { Settings = { ["Auth:TenantId"] = Contoso } };
        app.Auth.TenantId = Contoso;
        var team = SalesTeam.Create(app);
        Assert.AreEqual(HttpStatusCode.OK, await MeFrom(app, team, Contoso));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await MeFrom(app, team, Fabrikam));
    }
}

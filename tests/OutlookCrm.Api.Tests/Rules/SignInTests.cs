using System.Net;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

[TestClass]
public sealed class SignInTests
{
    [TestMethod]
    public void TheDevelopmentSignInCannotBeEnabledInProduction()
    {
        using var app = new CrmApp(Provider.Sqlite, environment: "Production");
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => app.CreateClient());
        StringAssert.Contains(error.Message, "DevSignIn");
    }

    [TestMethod]
    public void WithoutATenantTheApiRefusesToStartAndSaysWhichSettingIsMissing()
    {
        using var app = new CrmApp(Provider.Sqlite, environment: "Production");
        app.Settings["Auth:DevSignIn"] = "false";
        var error = Assert.Throws<Exception>(() => app.CreateClient());
        StringAssert.Contains(error.ToString(), "Auth:TenantId is not set");
    }

    [TestMethod]
    public async Task WithATenantTheProductionApiStartsAndAsksForAToken()
    {
        using var app = new CrmApp(Provider.Sqlite, environment: "Production");
        app.Settings["Auth:DevSignIn"] = "false";
        app.Settings["Auth:TenantId"] = "00000000-0000-0000-0000-000000000001";
        app.Settings["Auth:ClientId"] = "11111111-1111-1111-1111-111111111111";
        var response = await app.CreateClient().GetAsync("/api/me");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task TheDevelopmentSignInIssuesATokenForADemoUserThatTheApiAccepts()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var team = SalesTeam.Create(app);
        var client = app.CreateClient();
        var users = await (await client.GetAsync("/dev/users")).Read<List<Auth.DevSignInApi.DevUser>>();
        Assert.IsTrue(users.Any(u => u.Id == team.RepA.Id && u.Role == "Rep"));

        var token = await (await client.Post("/dev/token", new { userId = team.RepA.Id })).Read<Auth.DevSignInApi.DevToken>();
        var me = await (await app.Authorized(token.AccessToken).GetAsync("/api/me")).Read<Reference.MeDto>();
        Assert.AreEqual(team.RepA.Id, me.Id);
        await (await client.Post("/dev/token", new { userId = 9999 })).AssertProblem(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/lookup", "/api/companies", "/api/activities/{id}/close", "/api/deals/{id}/stage", "/api/sync/companies" })
            StringAssert.Contains(doc, $"\"{path}\"");
    }
}

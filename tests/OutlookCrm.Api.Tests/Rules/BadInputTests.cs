using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

public abstract class BadInputTests : ApiTest
{
    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    [TestMethod]
    public async Task MalformedJsonGetsA400Problem() =>
        await (await As(Team.RepA).PostAsync("/api/companies", Raw("{\"name\": \"x\""))).AssertProblem(HttpStatusCode.BadRequest);

    [TestMethod]
    public async Task WrongTypesGetA400Problem()
    {
        var rep = As(Team.RepA);
        await (await rep.PostAsync("/api/companies", Raw("{\"name\": 42}"))).AssertProblem(HttpStatusCode.BadRequest);
        await (await rep.PostAsync("/api/companies", Raw("{\"name\": \"x\", \"status\": \"Emperor\"}"))).AssertProblem(HttpStatusCode.BadRequest);
        await (await rep.PostAsync("/api/activities", Raw("{\"type\": \"Visit\", \"subject\": \"s\", \"startUtc\": \"yesterday\", \"companyId\": 1}")))
            .AssertProblem(HttpStatusCode.BadRequest);
        await (await rep.GetAsync("/api/companies?after=abc")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task OverLongAndMissingFieldsAreNamedInTheProblem()
    {
        var problem = await (await As(Team.RepA).Post("/api/companies", new { name = new string('x', 500) })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.TryGetProperty("errors", out var errors), problem.ToString());
        StringAssert.Contains(errors.ToString(), "Name");
        await (await As(Team.RepA).Post("/api/contacts", new { companyId = 1 })).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task UnknownIdsGetA404Problem()
    {
        var rep = As(Team.RepA);
        await (await rep.GetAsync("/api/companies/999999")).AssertProblem(HttpStatusCode.NotFound);
        await (await rep.GetAsync("/api/activities/999999")).AssertProblem(HttpStatusCode.NotFound);
        await (await rep.Post("/api/notes", new { activityId = 999999, text = "x" })).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task AnUpdateWithoutIfMatchIsRefusedWith428()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Bad input 1");
        await (await rep.Patch($"/api/companies/{company.Id}", new { name = "x" }, etag: null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        await (await rep.Patch($"/api/companies/{company.Id}", new { name = "x" }, etag: "garbage")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task AnUnknownTimeZoneOrAnEndBeforeTheStartIsRefused()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Bad input 2");
        var start = DateTimeOffset.UtcNow;
        await (await rep.Post("/api/activities", new { type = "Visit", subject = "s", startUtc = start, companyId = company.Id, timeZone = "Mars/Olympus" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        await (await rep.Post("/api/activities", new { type = "Visit", subject = "s", startUtc = start, endUtc = start.AddHours(-1), companyId = company.Id }))
            .AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task NoTokenAForgedTokenOrAnExpiredTokenGets401()
    {
        var anonymous = App.CreateClient();
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/companies")).StatusCode);

        var forgedAuth = new Auth.AuthOptions { DevSignIn = true, DevSigningKey = "not-the-server-key" };
        var forged = App.Authorized(Auth.DevSignInApi.UserToken(forgedAuth, Team.Admin.EntraObjectId!, "x", "x", TimeSpan.FromHours(1)));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/companies")).StatusCode);

        var expired = App.Authorized(Auth.DevSignInApi.UserToken(App.Auth, Team.Admin.EntraObjectId!, "x", "x", TimeSpan.FromMinutes(-10)));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/companies")).StatusCode);
    }

    [TestMethod]
    public async Task AVoiceNoteMustBeAudioAndNotTooLarge()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Bad input 3");
        var note = await NewNote(rep, new { companyId = company.Id, text = "voice" });
        var text = new ByteArrayContent([1, 2, 3]);
        text.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await (await rep.PutAsync($"/api/notes/{note.Id}/audio", text)).AssertProblem(HttpStatusCode.UnsupportedMediaType);
        var huge = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("audio/webm");
        await (await rep.PutAsync($"/api/notes/{note.Id}/audio", huge)).AssertProblem(HttpStatusCode.RequestEntityTooLarge);

        var audio = new ByteArrayContent([1, 2, 3, 4]);
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/webm");
        Assert.AreEqual(HttpStatusCode.NoContent, (await rep.PutAsync($"/api/notes/{note.Id}/audio", audio)).StatusCode);
        var back = await rep.GetAsync($"/api/notes/{note.Id}/audio");
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, await back.Content.ReadAsByteArrayAsync());
        await (await As(Team.RepB).GetAsync($"/api/notes/{note.Id}/audio")).AssertProblem(HttpStatusCode.NotFound);
    }
}

[TestClass] public sealed class BadInputOnSqlite : BadInputTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class BadInputOnPostgreSql : BadInputTests { protected override Provider Provider => Provider.PostgreSql; }

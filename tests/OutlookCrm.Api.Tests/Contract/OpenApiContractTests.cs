using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Contract;

// Issue 13 §6 and §7: the OpenAPI document is the contract (linted, types generated from it); abuse limits.
[TestClass]
public sealed class OpenApiContractTests
{
    private static readonly string Tools = Path.Combine(TestPostgres.RepoRoot(), "tests", "openapi");

    private static async Task<(string Text, JsonElement Doc)> Document(CrmApp app)
    {
        var text = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        var dir = Path.Combine(TestPostgres.RepoRoot(), "tests", "results");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "openapi.json"), text);
        return (text, JsonDocument.Parse(text).RootElement);
    }

    private static (int Exit, string Output) Run(string tool, params string[] args)
    {
        var exe = Path.Combine(Tools, "node_modules", ".bin", tool);
        if (!File.Exists(exe)) Assert.Fail($"{exe} is missing: run `npm ci` in tests/openapi (tests/run-all.sh does).");
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Tools };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result + error);
    }

    [TestMethod]
    public async Task TheDocumentPassesTheLinterWithZeroErrors()
    {
        using var app = new CrmApp(Provider.Sqlite);
        await Document(app);
        var (exit, output) = Run("redocly", "lint", "../results/openapi.json", "--config", "redocly.yaml", "--format", "stylish");
        Assert.AreEqual(0, exit, output);
    }

    [TestMethod]
    public async Task TheAddinTypesAreGeneratedFromTheCurrentDocument()
    {
        using var app = new CrmApp(Provider.Sqlite);
        await Document(app);
        var fresh = Path.Combine(Path.GetTempPath(), $"api-{Guid.NewGuid():N}.ts");
        var (exit, output) = Run("openapi-typescript", "../results/openapi.json", "-o", fresh);
        Assert.AreEqual(0, exit, output);
        var committed = Path.Combine(TestPostgres.RepoRoot(), "addin", "src", "generated", "api.ts");
        Assert.AreEqual(await File.ReadAllTextAsync(fresh), File.Exists(committed) ? await File.ReadAllTextAsync(committed) : "",
            "addin/src/generated/api.ts is stale: run tests/openapi/generate.sh");
    }

    [TestMethod]
    public async Task EveryOperationListsItsProblemsAndTheSecurityScheme()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var (_, doc) = await Document(app);
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("entra");
        Assert.AreEqual("oauth2", scheme.GetProperty("type").GetString());
        StringAssert.Contains(scheme.ToString(), "api://outlookcrm/access_as_user");
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api")))
            foreach (var op in path.Value.EnumerateObject())
            {
                var responses = op.Value.GetProperty("responses");
                foreach (var status in new[] { "400", "401", "403", "429" })
                    StringAssert.Contains(responses.GetProperty(status).ToString(), "#/components/schemas/Problem", $"{op.Name} {path.Name} {status}");
                Assert.IsTrue(op.Value.TryGetProperty("security", out _), $"{op.Name} {path.Name}");
                if (op.Name is "patch") Assert.IsTrue(op.Value.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
                if (op.Name is "put" or "patch") Assert.IsTrue(responses.TryGetProperty("428", out _), $"{op.Name} {path.Name}");
            }
        var audio = doc.GetProperty("paths").GetProperty("/api/notes/{id}/audio").GetProperty("put");
        Assert.IsTrue(audio.GetProperty("requestBody").GetProperty("content").TryGetProperty("audio/*", out _));
    }

    [TestMethod]
    public async Task EnumsAreExactlyTheAcceptedNamesAndNullableOnesAreNotAmbiguous()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var (text, doc) = await Document(app);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        CollectionAssert.AreEqual(Enum.GetNames<Data.CompanyStatus>(),
            schemas.GetProperty("CompanyStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray());
        var category = schemas.GetProperty("CompanyDto").GetProperty("properties").GetProperty("category").ToString();
        Assert.IsFalse(category.Contains("oneOf") && text.Contains("\"enum\": [\n        \"A\",\n        \"B\",\n        \"C\",\n        null"),
            "category must not be oneOf [null, enum-with-null]: " + category);
    }

    [TestMethod]
    public async Task TheImportUploadBodyIsDescribedAsAFileRawOrMultipart()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var (_, doc) = await Document(app);
        var body = doc.GetProperty("paths").GetProperty("/api/import").GetProperty("post").GetProperty("requestBody");
        Assert.IsTrue(body.GetProperty("required").GetBoolean());
        var content = body.GetProperty("content");
        var multipart = content.GetProperty("multipart/form-data").GetProperty("schema");
        Assert.AreEqual("file", multipart.GetProperty("required").EnumerateArray().Single().GetString());
        var file = multipart.GetProperty("properties").GetProperty("file");
        Assert.AreEqual(("string", "binary"), (file.GetProperty("type").GetString(), file.GetProperty("format").GetString()));
        foreach (var type in new[] { "text/csv", Api.Import.ImportApi.Xlsx, "application/octet-stream" })
            Assert.AreEqual("binary", content.GetProperty(type).GetProperty("schema").GetProperty("format").GetString(), type);
    }

    [TestMethod]
    public async Task SharedEnumsHaveNoNullMemberAndNullablePropertiesSaySoThemselves()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var (_, doc) = await Document(app);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        CollectionAssert.AreEqual(Enum.GetNames<Data.UserRole>(), schemas.GetProperty("UserRole").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray());
        CollectionAssert.AreEqual(Enum.GetNames<Data.CustomerCategory>(),
            schemas.GetProperty("CustomerCategory").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.IsFalse(schemas.GetProperty("UserRole").ToString().Contains("null"), schemas.GetProperty("UserRole").ToString());
        // MeDto.role is null for an application token: the property is nullable, the enum is not.
        var role = schemas.GetProperty("MeDto").GetProperty("properties").GetProperty("role").ToString();
        StringAssert.Contains(role, "#/components/schemas/UserRole");
        StringAssert.Contains(role, "null");
        var userRole = schemas.GetProperty("UserDto").GetProperty("properties").GetProperty("role").ToString();
        Assert.IsFalse(userRole.Contains("null"), "a user always has a role: " + userRole);
    }

    [TestMethod]
    public async Task TheInteractiveReferenceIsServedInDevelopmentOnly()
    {
        using var dev = new CrmApp(Provider.Sqlite);
        Assert.AreEqual(HttpStatusCode.OK, (await dev.CreateClient().GetAsync("/scalar/v1")).StatusCode);
        using var staging = new CrmApp(Provider.Sqlite, environment: "Staging");
        Assert.AreEqual(HttpStatusCode.NotFound, (await staging.CreateClient().GetAsync("/scalar/v1")).StatusCode);
    }

    [TestMethod]
    public async Task ARepOverTheRateLimitGets429WithRetryAfter()
    {
        using var app = new CrmApp(Provider.Sqlite) { Settings = { ["RateLimit:PermitsPerMinute"] = "5" } };
        var team = SalesTeam.Create(app);
        var rep = app.ClientFor(team.RepA);
        for (var i = 0; i < 5; i++) Assert.AreEqual(HttpStatusCode.OK, (await rep.GetAsync("/api/me")).StatusCode);
        var refused = await rep.GetAsync("/api/me");
        var problem = await refused.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.IsTrue(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "Retry");
        Assert.AreEqual(HttpStatusCode.OK, (await app.ClientFor(team.RepB).GetAsync("/api/me")).StatusCode, "another user has their own budget");
    }

    [TestMethod]
    public async Task ThePaneIsServedWithItsSecurityHeaders()
    {
        using var app = new CrmApp(Provider.Sqlite);
        var response = await app.CreateClient().GetAsync("/api/me");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        StringAssert.Contains(csp, "script-src 'self' https://appsforoffice.microsoft.com");
        StringAssert.Contains(csp, "frame-ancestors 'self' https://outlook.office.com");
        Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

namespace OutlookCrm.Api.Tests.Hosting;

// The built dll as an operator runs it, from a folder that is neither the source tree nor the program's folder.
[TestClass]
public sealed class HostingTests
{
    private static Dictionary<string, string?> Sqlite(string folder) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "crm.db")}",
    };

    // Outside Development the API signs in with Entra ID only: a tenant and client id as a real deployment has them.
    private static Dictionary<string, string?> Deployed(string folder)
    {
        var env = Sqlite(folder);
        env["Auth__TenantId"] = "11111111-2222-3333-4444-555555555555";
        env["Auth__ClientId"] = "66666666-7777-8888-9999-000000000000";
        return env;
    }

    [TestMethod]
    public async Task MigrateFromAnotherFolderIsQuietAndExitsZero()
    {
        var folder = ApiProcess.TempFolder();
        var (code, output) = await ApiProcess.RunAsync(Sqlite(folder), folder, "migrate");
        Assert.AreEqual(0, code, output);
        StringAssert.Contains(output, "Migrations applied.");
        // EF's information logs (one per SQL statement, ~100 MB on a big import) stay off for commands.
        Assert.IsFalse(output.Contains("CREATE TABLE"), output);
        Assert.IsFalse(output.Contains("Microsoft.EntityFrameworkCore"), output);
        Assert.IsTrue(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 15, output);
        // Nothing is written in the current folder but the database the settings name.
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.IsTrue(files.Contains("crm.db") && files.All(f => f!.StartsWith("crm.db")), string.Join(", ", files));
    }

    [TestMethod]
    public async Task AnUnknownVerbExitsTwoWithTheListOfCommands()
    {
        var folder = ApiProcess.TempFolder();
        var (code, output) = await ApiProcess.RunAsync(Sqlite(folder), folder, "frobnicate");
        Assert.AreEqual(2, code, output);
        StringAssert.Contains(output, "Unknown command 'frobnicate'");
        StringAssert.Contains(output, "migrate, migration-script");
    }

    [TestMethod]
    public async Task AnUnreachableDatabaseExitsThreeInOneLine()
    {
        var folder = ApiProcess.TempFolder();
        var env = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "PostgreSql",
            ["Database__ConnectionString"] = $"Host=127.0.0.1;Port={ApiProcess.FreePort()};Database=none;Username=x;Password=x;Timeout=3",
        };
        var (code, output) = await ApiProcess.RunAsync(env, folder, "migrate");
        Assert.AreEqual(3, code, output);
        StringAssert.Contains(output, "The database cannot be reached");
        Assert.IsFalse(output.Contains("   at "), "no stack trace: " + output);
    }

    [TestMethod]
    public async Task StandardHostArgumentsStartTheApiWithoutAWebRootWarning()
    {
        var folder = ApiProcess.TempFolder();
        var port = ApiProcess.FreePort();
        var contentRoot = Path.GetDirectoryName(ApiProcess.Dll)!;
        await using var api = ApiProcess.Start(Deployed(folder), folder,
            "--urls", $"http://127.0.0.1:{port}", "--environment", "Staging", "--contentRoot", contentRoot);
        await api.WaitReadyAsync($"http://127.0.0.1:{port}", TimeSpan.FromMinutes(3));
        var output = api.Output;
        StringAssert.Contains(output, $"Now listening on: http://127.0.0.1:{port}");
        StringAssert.Contains(output, "Hosting environment: Staging");
        StringAssert.Contains(output, $"Content root path: {contentRoot}");
        Assert.IsFalse(output.Contains("WebRootPath"), output);
        Assert.IsFalse(output.Contains("Unknown command"), output);
    }

    [TestMethod]
    public async Task JsonLogsAreOneObjectPerLine()
    {
        var folder = ApiProcess.TempFolder();
        var port = ApiProcess.FreePort();
        var env = Deployed(folder);
        env["Logging__Console__FormatterName"] = "json";
        await using var api = ApiProcess.Start(env, folder, "--urls", $"http://127.0.0.1:{port}");
        await api.WaitReadyAsync($"http://127.0.0.1:{port}", TimeSpan.FromMinutes(3));
        var lines = api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.IsTrue(lines.Length > 0);
        foreach (var line in lines)
        {
            using var log = System.Text.Json.JsonDocument.Parse(line);
            Assert.IsTrue(log.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.IsTrue(log.RootElement.TryGetProperty("Category", out _), line);
        }
    }
}

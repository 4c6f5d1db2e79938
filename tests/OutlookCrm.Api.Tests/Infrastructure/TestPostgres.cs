using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OutlookCrm.Api.Tests.Infrastructure;

// PostgreSQL for the suites: the CI runner exports CRM_TEST_PG; a developer running `dotnet test`
// alone gets a throwaway server started here with tests/pg.sh (needs Debian's postgresql package).
[TestClass]
public static class TestPostgres
{
    public const string Variable = "CRM_TEST_PG";
    private static string? ownedDir;

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set and no PostgreSQL could be started (apt-get install postgresql).");

    [AssemblyInitialize]
    public static void Start(TestContext _)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        var script = Path.Combine(RepoRoot(), "tests", "pg.sh");
        if (!File.Exists("/usr/lib/postgresql/15/bin/initdb")) return;
        ownedDir = Path.Combine(Path.GetTempPath(), $"crm-pg-{Environment.ProcessId}");
        var output = Run(script, "start", ownedDir, FreePort().ToString());
        Environment.SetEnvironmentVariable(Variable, output.Trim());
    }

    [AssemblyCleanup]
    public static void Stop()
    {
        ApiTest.DisposeApps();
        if (ownedDir is not null) Run(Path.Combine(RepoRoot(), "tests", "pg.sh"), "stop", ownedDir);
    }

    public static string Database(string name) => $"{ConnectionString};Database={name}";

    public static string RepoRoot()
    {
        return typeof(TestPostgres).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string Run(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed: {error}");
        return output;
    }
}

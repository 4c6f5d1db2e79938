using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Faults;

// A PostgreSQL server of the fault test's own (tests/pg.sh), so stopping it never disturbs the other suites.
internal sealed class OwnPostgres : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"crm-fault-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
    private readonly int port = FreePort();
    private static string Script => Path.Combine(TestPostgres.RepoRoot(), "tests", "pg.sh");

    public string ConnectionString { get; }

    public OwnPostgres() => ConnectionString = Run("start", dir, port.ToString()).Trim();

    public static bool Available => File.Exists("/usr/lib/postgresql/15/bin/pg_ctl");

    public void Stop() => Run("stop", dir);

    public void Resume() => Run("resume", dir, port.ToString());

    public void Dispose()
    {
        Run("stop", dir);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("bash", [Script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pg.sh {string.Join(' ', args)} failed: {error}");
        return output;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

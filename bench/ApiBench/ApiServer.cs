using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace OutlookCrm.Bench;

// The API under test as its own process (Kestrel on loopback) over PostgreSQL (or an SQLite file): either a database given on the
// command line or a throwaway cluster started with tests/pg.sh and filled by the API's own `generate` verb.
public sealed class ApiServer : IAsyncDisposable
{
    public const string SigningKey = "apibench-local-signing-key-not-a-secret";
    private readonly List<Process> processes = [];
    private string? ownedPgDir;
    private PosixSignalRegistration[] signals = [];
    private Task? stopped;

    public required string ConnectionString { get; init; }
    public string Provider { get; init; } = "PostgreSql";
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ApiServer> StartAsync(BenchOptions options)
    {
        var server = options.Sqlite is not null ? new ApiServer { ConnectionString = $"Data Source={Path.GetFullPath(options.Sqlite)}", Provider = "Sqlite" }
            : options.Pg is null ? await Throwaway(options) : new ApiServer { ConnectionString = $"{options.Pg};Database={options.Database}" };
        // Interrupted (Ctrl+C, kill, a closed terminal) or failing before the caller holds it, the benchmark still stops its
        // API and its throwaway cluster: a cluster left behind keeps its port and its 2 GB of shared buffers.
        server.signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(s => PosixSignalRegistration.Create(s, _ => server.DisposeAsync().AsTask().GetAwaiter().GetResult()))];
        try
        {
            if (options.Sqlite is not null ? !File.Exists(options.Sqlite) || options.Generate : options.Pg is null || options.Generate)
            {
                Console.WriteLine($"Generating {options.Companies:N0} companies (5 contacts, 25 activities, 10 notes each)...");
                await server.RunApi(["generate", "--companies", options.Companies.ToString()], wait: true);
            }
            var port = FreePort();
            server.BaseAddress = new Uri($"http://127.0.0.1:{port}");
            await server.RunApi([], wait: false);
            await server.WaitUntilLive();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<ApiServer> Throwaway(BenchOptions options)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"apibench-pg-{Environment.ProcessId}");
        // A database server's buffer cache, not PostgreSQL's 128 MB default for small machines: "a reasonable starting value
        // for shared_buffers is 25% of the memory" (https://www.postgresql.org/docs/15/runtime-config-resource.html);
        // 2 GB of this machine's 24 GB, less than the generated 3.1 GB, so the card still reads some pages from the system.
        var output = await Shell("bash", [Path.Combine(RepoRoot(), "tests", "pg.sh"), "start", dir, FreePort().ToString()],
            ("PG_SETTINGS", SharedBuffers));
        Console.WriteLine($"Throwaway PostgreSQL in {dir}");
        return new ApiServer { ConnectionString = $"{output.Trim()};Database={options.Database}", ownedPgDir = dir };
    }

    private async Task RunApi(string[] args, bool wait)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OutlookCrm.Api.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, .. args]) { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = !wait };
        // Not Development (no developer pages, no per-request logging), not Production (dev sign-in gives the bench its tokens).
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Benchmark";
        psi.Environment["Database__Provider"] = Provider;
        psi.Environment["Database__ConnectionString"] = ConnectionString;
        psi.Environment["Auth__DevSignIn"] = "true";
        psi.Environment["Auth__DevSigningKey"] = SigningKey;
        psi.Environment["Demo__Seed"] = "false";
        // 16 clients at full speed are far above one rep's per-minute budget: the limiter still runs (its cost is measured), it never refuses.
        psi.Environment["RateLimit__PermitsPerMinute"] = "1000000000";
        psi.Environment["ASPNETCORE_URLS"] = BaseAddress?.ToString() ?? "";
        psi.Environment["Logging__LogLevel__Default"] = wait ? "Information" : "Warning";
        psi.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        var process = Process.Start(psi)!;
        processes.Add(process);
        if (!wait)
        {
            _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is { } line) if (line.Contains("fail")) Console.WriteLine("api: " + line); });
            return;
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"`{string.Join(' ', args)}` failed with exit code {process.ExitCode}.");
    }

    private async Task WaitUntilLive()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (processes[^1].HasExited) throw new InvalidOperationException("The API exited during start-up.");
            try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The API did not become ready within 2 minutes.");
    }

    // Once, whichever comes first (the end of the run, a failure or a signal); every caller waits for it to finish.
    public ValueTask DisposeAsync()
    {
        lock (processes) stopped ??= StopAsync();
        return new ValueTask(stopped);
    }

    private async Task StopAsync()
    {
        foreach (var s in signals) s.Dispose();
        foreach (var p in processes.Where(p => !p.HasExited))
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        if (ownedPgDir is null) return;
        await Shell("bash", Path.Combine(RepoRoot(), "tests", "pg.sh"), "stop", ownedPgDir);
        Directory.Delete(ownedPgDir, recursive: true);
    }

    public const string SharedBuffers = "-c shared_buffers=2GB";

    private static Task<string> Shell(string file, params string[] args) => Shell(file, args, []);

    private static async Task<string> Shell(string file, string[] args, params (string Name, string Value)[] environment)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        return output;
    }

    private static string RepoRoot() => typeof(ApiServer).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

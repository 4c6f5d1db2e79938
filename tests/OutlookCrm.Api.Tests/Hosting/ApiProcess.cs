using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OutlookCrm.Api.Tests.Hosting;

// The built API run as an operator or a container runs it: `dotnet OutlookCrm.Api.dll …`, its own process,
// from a folder of the test's choosing (never the source tree), with settings from environment variables.
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process) => _process = process;

    // The API's dll beside the test assembly (copied there with its runtimeconfig and deps by the project reference).
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "OutlookCrm.Api.dll");

    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static ApiProcess Start(IDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Nothing inherited decides the outcome: the test's own settings only.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_ENVIRONMENT") || k.StartsWith("OTEL_") || k.Contains("__")).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var api = new ApiProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (api._output) api._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (api._output) api._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    // A command: runs to its end and gives the exit code and everything printed.
    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        await using var api = Start(environment, workingDirectory, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await api._process.WaitForExitAsync(timeout.Token);
        api._process.WaitForExit(); // drains the redirected output
        return (api.ExitCode, api.Output);
    }

    public async Task WaitReadyAsync(string baseUrl, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new AssertFailedException($"The API stopped (exit {_process.ExitCode}):\n{Output}");
            try { if ((await http.GetAsync(baseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new AssertFailedException($"The API was not ready within {timeout}:\n{Output}");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "crm-host-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

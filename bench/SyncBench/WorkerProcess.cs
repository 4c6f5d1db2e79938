using System.Diagnostics;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncBench;

// One sync worker instance as a process of its own: the worker's own entry point and runtime settings (Microsoft.NET.Sdk.Worker:
// workstation GC with background collections unless WorkerEnv says otherwise), the Graph double and the API (on a loopback
// port) of this process. Used to measure the worker's production process by itself, e.g. a GC setting (docs/performance.md).
public sealed class WorkerProcess
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(SyncRig rig, ScaleScenario.Options run, string id)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(run.WorkerDll!);
        var env = start.Environment;
        env["Graph__Mode"] = "TestDouble";
        env["Graph__BaseUrl"] = rig.Graph.BaseUrl;
        env["Crm__BaseAddress"] = rig.Crm.KestrelAddress!.ToString();
        env["Crm__UseDevAppToken"] = "true";
        env["Sync__StateDirectory"] = Path.Combine(rig.StateDirectory, id);
        env["Sync__InstanceId"] = id;
        env["Sync__PollInterval"] = run.Poll.ToString();
        // As the in-process instances of the benchmark (SyncRig.Worker).
        env["Sync__MaxRetries"] = "8";
        // The health endpoints on a free port; warnings and errors only on the console.
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var pair in run.WorkerEnv ?? [])
        {
            var eq = pair.IndexOf('=');
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    public double PeakWorkingSetMb
    {
        get { _process.Refresh(); return _process.HasExited ? 0 : _process.PeakWorkingSet64 / 1048576.0; }
    }

    public int Threads()
    {
        _process.Refresh();
        return _process.HasExited ? 0 : _process.Threads.Count;
    }

    public void Stop()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }
}

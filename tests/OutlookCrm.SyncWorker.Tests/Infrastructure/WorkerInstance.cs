using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OutlookCrm.SyncWorker.Sync;

namespace OutlookCrm.SyncWorker.Tests.Infrastructure;

// One worker process of a pool: its own services and poll loop (with its lease loop), as its host runs them.
public sealed class WorkerInstance
{
    private readonly ServiceProvider _services;
    private readonly SyncLoop _loop;
    private readonly SyncRig _rig;
    public string Id { get; }
    public bool Dead { get; private set; }

    public WorkerInstance(SyncRig rig, string id, Dictionary<string, string?> settings, Func<HttpRequestMessage, Task>? beforeCrm = null)
    {
        (Id, _rig) = (id, rig);
        settings["Sync:InstanceId"] = id;
        _services = rig.Worker(settings: settings, dead: () => Dead, beforeCrm: beforeCrm);
        _loop = ActivatorUtilities.CreateInstance<SyncLoop>(_services, new Lifetime());
        _loop.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    // A crash: nothing more leaves the process (Graph and CRM calls cut), its leases are not given back.
    public async Task KillAsync()
    {
        Dead = true;
        _rig.Graph.DeadInstances[Id] = true;
        await Task.Yield();
        await StopAsync();
    }

    public async Task StopAsync()
    {
        await _loop.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}

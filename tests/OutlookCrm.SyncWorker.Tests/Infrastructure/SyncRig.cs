using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.GraphDouble;

namespace OutlookCrm.SyncWorker.Tests.Infrastructure;

// The API, the Graph double and a state directory; Worker() builds the worker as its host would (same
// registrations), so each call is a fresh process as far as memory goes — only the state directory survives.
public sealed class SyncRig : IAsyncDisposable
{
    public required CrmHost Crm { get; init; }
    public required GraphDouble.GraphDouble Graph { get; init; }
    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "crm-sync-state-" + Guid.NewGuid().ToString("N"));
    public List<string> Log { get; } = [];
    // The warnings and errors among them (failed cycles, lost leases, set-aside items), for the benchmark's summary.
    public List<string> Warnings { get; } = [];

    // kestrel: the API on a loopback port, for worker processes of their own (the benchmark's --worker-processes).
    public static async Task<SyncRig> StartAsync(int seed = 1, string? postgres = null, bool kestrel = false) =>
        new() { Crm = CrmHost.Start(postgres, kestrel), Graph = await GraphDouble.GraphDouble.StartAsync(seed) };

    // beforeCrm: awaited before each CRM API call leaves the worker (a test slowing one endpoint down).
    public ServiceProvider Worker(bool dryRun = false, string? stateDirectory = null, string? graphBaseUrl = null, Dictionary<string, string?>? settings = null,
        Func<bool>? dead = null, Func<HttpRequestMessage, Task>? beforeCrm = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Graph:Mode"] = "TestDouble",
            ["Graph:BaseUrl"] = graphBaseUrl ?? Graph.BaseUrl,
            ["Crm:BaseAddress"] = "http://localhost/",
            ["Crm:UseDevAppToken"] = "true",
            ["Sync:StateDirectory"] = stateDirectory ?? StateDirectory,
            ["Sync:DryRun"] = dryRun ? "true" : "false",
            ["Sync:MaxRetries"] = "8",
            // Successive Worker() calls are restarts of one instance; another state directory is another pool.
            ["Sync:InstanceId"] = "rig",
            ["Sync:Pool"] = stateDirectory is null ? "default" : "pool-" + Math.Abs(stateDirectory.GetHashCode() % 100000),
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(new ListLoggerProvider(Log, Warnings)).SetMinimumLevel(LogLevel.Information));
        services.AddSyncWorker(configuration);
        services.AddHttpClient<CrmClient>().ConfigurePrimaryHttpMessageHandler(() =>
        {
            HttpMessageHandler handler = dead is null ? Crm.Server.CreateHandler() : new CutOffHandler(dead) { InnerHandler = Crm.Server.CreateHandler() };
            return beforeCrm is null ? handler : new BeforeHandler(beforeCrm) { InnerHandler = handler };
        });
        return services.BuildServiceProvider();
    }

    // One cycle for one rep, in a fresh worker process.
    public async Task<(CycleReport Contacts, CycleReport? Calendar)> CycleAsync(User rep, bool dryRun = false, CancellationToken ct = default,
        Dictionary<string, string?>? settings = null)
    {
        await using var worker = Worker(dryRun, settings: settings);
        using var scope = worker.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailboxCycle>().RunAsync(Mailbox(rep), ct);
    }

    // The state kept in the CRM database (cursors, delta links, id map, quarantine) is gone, leases too.
    public void LoseState() => Crm.WithDb(db => db.SyncMailboxes.ExecuteDelete());

    public JsonNode? State(User rep, string loop) => Crm.WithDb(db =>
    {
        var row = db.SyncMailboxes.AsNoTracking().Single(m => m.Pool == "default" && m.UserId == rep.Id);
        return JsonNode.Parse((loop == "contacts" ? row.ContactState : row.CalendarState) ?? "null");
    });

    public void SetState(User rep, string loop, JsonNode state) => Crm.WithDb(db => loop == "contacts"
        ? db.SyncMailboxes.Where(m => m.Pool == "default" && m.UserId == rep.Id).ExecuteUpdate(s => s.SetProperty(m => m.ContactState, state.ToJsonString()))
        : db.SyncMailboxes.Where(m => m.Pool == "default" && m.UserId == rep.Id).ExecuteUpdate(s => s.SetProperty(m => m.CalendarState, state.ToJsonString())));

    public static Mailbox Mailbox(User u) => new(u.Id, u.Upn, u.DisplayName, u.EntraObjectId, u.Role.ToString());

    public GraphMailbox MailboxOf(User u) => Graph.Mailbox(u.Upn);

    public async ValueTask DisposeAsync()
    {
        await Graph.DisposeAsync();
        Crm.Dispose();
        try { Directory.Delete(StateDirectory, recursive: true); } catch (IOException) { }
    }

    // A killed process sends nothing more: its CRM calls fail from the moment it is declared dead.
    private sealed class CutOffHandler(Func<bool> dead) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            dead() ? throw new HttpRequestException("process killed") : base.SendAsync(request, ct);
    }

    private sealed class BeforeHandler(Func<HttpRequestMessage, Task> before) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            await before(request);
            return await base.SendAsync(request, ct);
        }
    }

    public sealed class ListLoggerProvider(List<string> sink, List<string>? warnings = null) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(sink, warnings);
        public void Dispose() { }
    }

    private sealed class ListLogger(List<string> sink, List<string>? warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            lock (sink) sink.Add(line);
            if (warnings is not null && logLevel >= LogLevel.Warning) lock (warnings) warnings.Add(line);
        }
    }
}

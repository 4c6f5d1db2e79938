using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OutlookCrm.SyncWorker.Sync;

namespace OutlookCrm.SyncWorker;

// A class rather than top-level statements: the tests reference the API too, whose Program is global.
public static class WorkerProgram
{
    public static Task Main(string[] args) => Build(args).RunAsync();

    // configure: the tests' settings and handlers, applied before the worker's own registrations.
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // "--dry-run" is a flag, not a key=value pair the configuration reader understands.
        var dryRun = args.Contains("--dry-run");
        var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--dry-run").ToArray());
        if (dryRun) builder.Configuration["Sync:DryRun"] = "true";
        configure?.Invoke(builder);
        // Only the health endpoints listen; loopback unless told otherwise (urls / ASPNETCORE_URLS).
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5090");
        // One line per mailbox and loop is the log; per-request HTTP logging would drown it.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSyncWorker(builder.Configuration);
        builder.Services.AddHostedService<SyncLoop>();
        builder.Services.AddFollowUpReminders();
        var app = builder.Build();
        app.MapWorkerHealth();
        return app;
    }

    public static void MapWorkerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
    }
}

using OutlookCrm.SyncWorker.Sync;

namespace OutlookCrm.SyncWorker;

// A class rather than top-level statements: the tests reference the API too, whose Program is global.
public static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        // "--dry-run" is a flag, not a key=value pair the configuration reader understands.
        var dryRun = args.Contains("--dry-run");
        var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--dry-run").ToArray());
        if (dryRun) builder.Configuration["Sync:DryRun"] = "true";
        // One line per mailbox and loop is the log; per-request HTTP logging would drown it.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddSyncWorker(builder.Configuration);
        builder.Services.AddHostedService<SyncLoop>();
        builder.Services.AddFollowUpReminders();
        await builder.Build().RunAsync();
    }
}

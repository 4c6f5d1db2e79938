using Microsoft.Extensions.Logging.Console;
using OutlookCrm.Api.Observability;

namespace OutlookCrm.Api.Hosting;

// How the API is hosted, whatever the feature code: content root, logging, telemetry, operator verbs.
public static class CrmHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var cli = CommandLine.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = cli.HostArgs, ContentRootPath = DefaultContentRoot(cli.HostArgs) });
        if (cli.IsCommand) QuietForCommands(builder.Logging);
        builder.AddCrmObservability();
        builder.Services.AddSingleton(cli);
        return builder;
    }

    // A command prints its own progress: the host's and EF's information logs (one line per SQL statement) would bury it.
    private static void QuietForCommands(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // A failed command says why in one line itself; EF would add the same error with its own framing.
        logging.AddFilter("Microsoft.EntityFrameworkCore.Database", LogLevel.None);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter<ConsoleLoggerProvider>("OutlookCrm", LogLevel.Information);
    }

    // The usual rule (the current directory) unless it holds no appsettings.json while the program's folder does:
    // `dotnet /opt/crm/OutlookCrm.Api.dll` from any directory then reads its own settings. --contentRoot and
    // ASPNETCORE_CONTENTROOT still win.
    private static string? DefaultContentRoot(string[] hostArgs)
    {
        if (hostArgs.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))) return null;
        if (Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 }) return null;
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }
}

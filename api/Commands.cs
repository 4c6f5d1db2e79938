using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api;

// Operator verbs (`dotnet OutlookCrm.Api.dll migrate`); without a verb the API starts, migrating first.
public static class Commands
{
    // Import and export print their own progress bar and summary: SQL and framework logs stay off their console
    // (started from the repo root, no appsettings.json is found and every SQL statement would be logged).
    public static void AddOperatorLogging(this WebApplicationBuilder builder, string[] args)
    {
        if (!args.Any(a => a is "import" or "export")) return;
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }

    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        var rest = verb is null ? [] : args.SkipWhile(a => a != verb).Skip(1).ToArray();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("OutlookCrm");
        if (verb == "migration-script")
        {
            // The SQL a DBA reviews and runs instead of migrating at start-up (idempotent on PostgreSQL and SQL Server).
            var options = db.Database.IsSqlite() ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
            Console.WriteLine(db.GetService<IMigrator>().GenerateScript(options: options));
            return true;
        }
        await db.MigrateAsync(log);
        switch (verb)
        {
            case null:
                if (app.Configuration.GetValue<bool>("Demo:Seed")) await Demo.DemoData.SeedAsync(db, log);
                return false;
            case "migrate":
                log.LogInformation("Migrations applied.");
                return true;
            case "generate":
                await Demo.DataGenerator.RunAsync(db, Demo.DataGenerator.Parse(rest), log);
                return true;
            case "import":
                Environment.ExitCode = await Import.ImportCommand.RunAsync(db, rest, log, app.Configuration);
                return true;
            case "export":
                Environment.ExitCode = await Export.ExportCommand.RunAsync(db, rest);
                return true;
            case "erp-feed":
                Environment.ExitCode = await Erp.ErpCommand.RunAsync(db, rest, log);
                return true;
            case "seed-demo":
                await Demo.DemoData.SeedAsync(db, log);
                return true;
            default:
                Console.Error.WriteLine($"Unknown command '{verb}' ({rest.Length} arguments). Commands: migrate, migration-script, seed-demo, generate, import, export, erp-feed.");
                Environment.ExitCode = 2;
                return true;
        }
    }
}

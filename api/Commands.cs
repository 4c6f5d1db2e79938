using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Hosting;

namespace OutlookCrm.Api;

// Operator verbs (`dotnet OutlookCrm.Api.dll migrate`); without a verb the API starts, migrating first.
// Exit codes: 0 done, 1 the command ran and refused or failed something, 2 usage, 3 database unreachable.
public static class Commands
{
    public const int Done = 0, Failed = 1, Usage = 2, DatabaseUnavailable = 3;

    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var cli = CommandLine.Parse(args);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("OutlookCrm");
        if (cli.Verb is { } verb && !CommandLine.Verbs.Contains(verb))
        {
            Console.Error.WriteLine($"Unknown command '{verb}'. Commands: {string.Join(", ", CommandLine.Verbs)}." +
                " Host options (--urls, --environment, --contentRoot, Section:Key=value) go before the command.");
            Environment.ExitCode = Usage;
            return true;
        }
        try
        {
            return await RunAsync(app, cli, db, log);
        }
        catch (Exception e) when (cli.IsCommand)
        {
            // An operator gets one line and a code a script can test, not a stack trace.
            var down = IsDatabaseDown(e);
            Console.Error.WriteLine(down ? $"The database cannot be reached: {e.GetBaseException().Message}" : $"{cli.Verb} failed: {e.GetBaseException().Message}");
            Environment.ExitCode = down ? DatabaseUnavailable : Failed;
            return true;
        }
    }

    private static async Task<bool> RunAsync(WebApplication app, CommandLine cli, CrmDbContext db, ILogger log)
    {
        var rest = cli.VerbArgs;
        if (cli.Verb == "migration-script")
        {
            // The SQL a DBA reviews and runs instead of migrating at start-up (idempotent on PostgreSQL and SQL Server).
            var options = db.Database.IsSqlite() ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
            Console.WriteLine(db.GetService<IMigrator>().GenerateScript(options: options));
            return true;
        }
        await using (await StartupLock.AcquireAsync(db))
        {
            await db.MigrateAsync(log);
            if (cli.Verb is null && app.Configuration.GetValue<bool>("Demo:Seed"))
            {
                if (!await db.Users.AnyAsync()) log.LogInformation("Demo data: seeding an empty database…");
                await Demo.DemoData.SeedAsync(db, log);
            }
        }
        switch (cli.Verb)
        {
            case null:
                return false;
            case "migrate":
                Console.WriteLine("Migrations applied.");
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
            default: // seed-demo
                await Demo.DemoData.SeedAsync(db, log);
                return true;
        }
    }

    private static bool IsDatabaseDown(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 14 or 5 })
                return true;
        return false;
    }
}

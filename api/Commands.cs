using OutlookCrm.Api.Data;

namespace OutlookCrm.Api;

// Operator verbs (`dotnet OutlookCrm.Api.dll migrate`); without a verb the API starts, migrating first.
public static class Commands
{
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("OutlookCrm");
            await db.MigrateAsync(log);
            if (verb is null)
            {
                if (app.Configuration.GetValue<bool>("Demo:Seed")) await Demo.DemoData.SeedAsync(db, log);
                return false;
            }
            switch (verb)
            {
                case "migrate":
                    log.LogInformation("Migrations applied.");
                    return true;
                case "seed-demo":
                    await Demo.DemoData.SeedAsync(db, log);
                    return true;
            }
        }
        Console.Error.WriteLine($"Unknown command '{verb}'. Commands: migrate, seed-demo.");
        Environment.ExitCode = 2;
        return true;
    }
}

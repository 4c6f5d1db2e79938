using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

namespace OutlookCrm.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    // "Sqlite" (embedded default) or "PostgreSql".
    [Required] public string Provider { get; set; } = "Sqlite";
    [Required] public string ConnectionString { get; set; } = "Data Source=outlookcrm.db";
}

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddCrmDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddDbContext<CrmDbContext>(o => Configure(o, options));
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseOptions options)
    {
        if (options.Provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
            o.UseNpgsql(options.ConnectionString);
        else if (options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            o.UseSqlite(options.ConnectionString);
        else
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported: use Sqlite or PostgreSql.");
    }

    // One process owns the schema: the API migrates at start-up (or `migrate` does it for operators).
    public static async Task MigrateAsync(this CrmDbContext db, ILogger log)
    {
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            log.LogInformation("Database: SQLite file {File}", Path.GetFullPath(file));
            await db.Database.OpenConnectionAsync();
            // WAL lets readers go on while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        else log.LogInformation("Database: PostgreSQL {Host}", db.Database.GetDbConnection().DataSource);
        await db.Database.MigrateAsync();
        await DefaultStages.EnsureAsync(db);
    }
}

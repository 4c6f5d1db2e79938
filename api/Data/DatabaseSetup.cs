using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

namespace OutlookCrm.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    // "Sqlite" (embedded default), "PostgreSql" or "SqlServer" (also Azure SQL).
    [Required] public string Provider { get; set; } = "Sqlite";
    [Required] public string ConnectionString { get; set; } = "Data Source=outlookcrm.db";
}

public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddCrmDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var cs = options.ConnectionString;
        // Pooled contexts: a request takes a context already built (options, internal services) instead of building one;
        // the context keeps no state of its own, and EF resets its change tracker when it goes back to the pool
        // (https://learn.microsoft.com/ef/core/performance/advanced-performance-topics#dbcontext-pooling).
        _ = ParseProvider(options.Provider) switch
        {
            DatabaseProvider.PostgreSql => builder.Services.AddDbContextPool<CrmDbContext, PostgreSqlCrmDbContext>(o => o.UseNpgsql(WithAutoPrepare(cs))),
            DatabaseProvider.SqlServer => builder.Services.AddDbContextPool<CrmDbContext, SqlServerCrmDbContext>(o => o.UseSqlServer(cs)),
            _ => builder.Services.AddDbContextPool<CrmDbContext, SqliteCrmDbContext>(o => o.UseSqlite(cs)),
        };
        return builder;
    }

    public static DatabaseProvider ParseProvider(string provider) =>
        Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p
            : throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use Sqlite, PostgreSql or SqlServer.");

    // Npgsql prepares a statement once it has run a few times on a connection and keeps it across pooled opens, so
    // PostgreSQL no longer parses and plans it on every request (https://www.npgsql.org/doc/prepare.html#automatic-preparation).
    // On the card at 1M contacts planning cost 15× the execution (docs/performance.md).
    // A connection given back to the pool is not reset either ("No Reset On Close",
    // https://www.npgsql.org/doc/connection-string-parameters.html#performance): the reset ("RESET ALL; CLOSE ALL; UNLISTEN *;
    // pg_advisory_unlock_all(); DISCARD …") ran on the server at every open, twice per card, and the API keeps no session
    // state to clear: the card's plan setting is a start-up option of its own pool (Lookup/PostgreSqlCard.ConnectionString)
    // and the start-up's advisory lock is released by its own `await using` (Hosting/StartupLock). Each is left as the
    // connection string says if it says.
    internal static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = AutoPrepared;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    internal const int AutoPrepared = 64;

    // A context outside dependency injection (tests, benchmarks): the same provider context the API would use.
    public static CrmDbContext Create(DatabaseOptions options) => ParseProvider(options.Provider) switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlCrmDbContext(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>().UseNpgsql(WithAutoPrepare(options.ConnectionString)).Options),
        DatabaseProvider.SqlServer => new SqlServerCrmDbContext(new DbContextOptionsBuilder<SqlServerCrmDbContext>().UseSqlServer(options.ConnectionString).Options),
        _ => new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite(options.ConnectionString).Options),
    };

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
        else log.LogInformation("Database: {Provider} {Host}", db.Database.ProviderName, db.Database.GetDbConnection().DataSource);
        await LegacyMigrations.AdoptAsync(db, log);
        await db.Database.MigrateAsync();
        await DefaultStages.EnsureAsync(db);
    }
}

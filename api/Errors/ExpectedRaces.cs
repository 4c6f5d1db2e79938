using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OutlookCrm.Api.Errors;

// Two clicks logging one mail, two editors saving one record: the database refuses the second (unique key,
// concurrency token) and CrmExceptionHandler answers 409/412. Expected, so EF's own failure lines are
// information; anything else that fails is still logged as an error, with its stack, by the handler.
public static class ExpectedRaces
{
    public static WebApplicationBuilder QuietExpectedRaces(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureDbContext<SqliteCrmDbContext>(Configure);
        builder.Services.ConfigureDbContext<PostgreSqlCrmDbContext>(Configure);
        builder.Services.ConfigureDbContext<SqlServerCrmDbContext>(Configure);
        return builder;
    }

    private static void Configure(DbContextOptionsBuilder o) => o.ConfigureWarnings(w => w.Log(
        (CoreEventId.SaveChangesFailed, LogLevel.Information),
        (CoreEventId.OptimisticConcurrencyException, LogLevel.Information),
        (RelationalEventId.CommandError, LogLevel.Information)));
}

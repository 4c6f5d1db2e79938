using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Tests.Schema;

// Runs the API's own handlers on a SQL Server context without a server: the connection is never opened,
// every command's SQL is kept and answered with an empty result.
internal sealed class SqlCapture : DbConnectionInterceptor, IDbCommandInterceptor
{
    public List<string> Commands { get; } = [];

    public static (SqlServerCrmDbContext Db, SqlCapture Capture) SqlServer()
    {
        var capture = new SqlCapture();
        var options = new DbContextOptionsBuilder<SqlServerCrmDbContext>()
            .UseSqlServer(SqlServerScripts.ConnectionStringFor("SqlServer")).AddInterceptors(capture).Options;
        return (new SqlServerCrmDbContext(options), capture);
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection c, ConnectionEventData e, InterceptionResult r, CancellationToken ct = default)
        => ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult ConnectionOpening(DbConnection c, ConnectionEventData e, InterceptionResult r) => InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection c, ConnectionEventData e, InterceptionResult r)
        => ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult ConnectionClosing(DbConnection c, ConnectionEventData e, InterceptionResult r) => InterceptionResult.Suppress();

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData e, InterceptionResult<DbDataReader> r, CancellationToken ct = default)
    {
        Commands.Add(command.CommandText);
        return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader()));
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData e, InterceptionResult<DbDataReader> r)
    {
        Commands.Add(command.CommandText);
        return InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader());
    }
}

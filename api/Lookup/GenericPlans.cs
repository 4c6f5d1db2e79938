using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OutlookCrm.Api.Lookup;

// The card's statements run with PostgreSQL's generic plans. A prepared statement is planned again at every execution
// while PostgreSQL judges its generic plan costlier than the custom ones (plan_cache_mode = auto,
// https://www.postgresql.org/docs/15/sql-prepare.html#SQL-PREPARE-NOTES), and it did for the card at every lookup: the
// server log showed 1.6–3.8 ms in bind (planning) against 0.1–0.35 ms executing, per statement. Their generic plans
// seek the same indexes (0.06 ms to bind): the e-mails' b-trees, the children's (CompanyId, …) indexes, also with 50
// companies. A query tagged with Tag is sent as "SET plan_cache_mode = force_generic_plan; <query>; RESET
// plan_cache_mode" in one command. Npgsql sends the three in one round trip, which PostgreSQL runs as one implicit
// transaction (https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT): when the query
// succeeds the RESET puts the setting back; when it fails the transaction is rolled back, and a SET rolled back with its
// transaction is undone (https://www.postgresql.org/docs/15/sql-set.html). Either way the pooled connection serves
// nothing else with it. "SET LOCAL" would say the same more briefly, but outside BEGIN it makes PostgreSQL write a
// WARNING ("SET LOCAL can only be used in transaction blocks") to the server log at every lookup.
public sealed class GenericPlans : DbCommandInterceptor
{
    public const string Tag = "generic plan";
    private const string Comment = "-- " + Tag;
    private const string Set = "SET plan_cache_mode = force_generic_plan;\n";
    private const string Reset = ";\nRESET plan_cache_mode";

    public static readonly GenericPlans Interceptor = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prefix(command);
        return ValueTask.FromResult(result);
    }

    private static void Prefix(DbCommand command)
    {
        if (command.CommandText.StartsWith(Comment, StringComparison.Ordinal))
            command.CommandText = Set + command.CommandText.TrimEnd().TrimEnd(';') + Reset;
    }
}

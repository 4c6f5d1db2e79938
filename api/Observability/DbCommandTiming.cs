using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OutlookCrm.Api.Observability;

// Database time per command, for every provider. PostgreSQL also gets Npgsql's own spans; the others a span from here.
public sealed class DbCommandTiming(CrmMetrics metrics) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData e, DbDataReader result) { Record(command, e, "ok"); return result; }
    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData e, DbDataReader result, CancellationToken ct = default) { Record(command, e, "ok"); return ValueTask.FromResult(result); }
    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData e, int result) { Record(command, e, "ok"); return result; }
    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData e, int result, CancellationToken ct = default) { Record(command, e, "ok"); return ValueTask.FromResult(result); }
    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData e, object? result) { Record(command, e, "ok"); return result; }
    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData e, object? result, CancellationToken ct = default) { Record(command, e, "ok"); return ValueTask.FromResult(result); }
    public override void CommandFailed(DbCommand command, CommandErrorEventData e) => Record(command, e, "error");
    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData e, CancellationToken ct = default) { Record(command, e, "error"); return Task.CompletedTask; }

    private void Record(DbCommand command, CommandEndEventData e, string outcome)
    {
        var system = command is Npgsql.NpgsqlCommand ? "postgresql" : command is Microsoft.Data.Sqlite.SqliteCommand ? "sqlite" : "mssql";
        metrics.DbCommand.Record(e.Duration.TotalSeconds, new("db.system.name", system), new("crm.outcome", outcome));
        if (system == "postgresql" || !CrmMetrics.Tracing.HasListeners()) return;
        using var span = CrmMetrics.Tracing.StartActivity($"db {Operation(command.CommandText)}", ActivityKind.Client, parentContext: default, startTime: e.StartTime);
        if (span is null) return;
        span.SetTag("db.system.name", system);
        span.SetTag("db.query.text", command.CommandText);
        if (outcome == "error") span.SetStatus(ActivityStatusCode.Error);
        span.SetEndTime(e.StartTime.UtcDateTime + e.Duration);
    }

    // The statement's first keyword, past EF's tag comments ("-- generic plan") and a setting sent in front of the
    // statement itself ("SET …; SELECT …; RESET …" is a SELECT).
    internal static string Operation(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        while (true)
        {
            if (text.StartsWith("--"))
            {
                var newline = text.IndexOf('\n');
                if (newline < 0) return "";
                text = text[(newline + 1)..].TrimStart();
            }
            else if (text.StartsWith("SET ", StringComparison.OrdinalIgnoreCase) && text.IndexOf(';') is var semicolon and >= 0
                     && !text[(semicolon + 1)..].IsWhiteSpace())
                text = text[(semicolon + 1)..].TrimStart();
            else break;
        }
        var end = text.IndexOfAny([' ', '\n', '\r', '\t']);
        return (end < 0 ? text : text[..end]).ToString().ToUpperInvariant();
    }
}

using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace OutlookCrm.Api.Errors;

// The one place exceptions become answers: every error is a ProblemDetails, never a stack trace.
internal sealed class CrmExceptionHandler(IProblemDetailsService problems, ILogger<CrmExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            CrmProblem p => Problem(p.Status, p.Title, p.Message, p.Extensions),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException j } => Invalid(j),
            BadHttpRequestException b => Problem(b.StatusCode, "Bad request", b.Message),
            DbUpdateConcurrencyException => Problem(412, "Precondition failed", CrmProblem.Stale().Message),
            DbUpdateException { InnerException: DbException db } when IsUniqueViolation(db) =>
                Problem(409, "Conflict", "A record with the same unique key already exists."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ when IsDatabaseDown(exception) => Problem(503, "Service unavailable",
                "The database cannot be reached right now. Retry in a few seconds; nothing was saved."),
            _ => Problem(500, "Unexpected error", "Something went wrong on our side. The error was logged."),
        };
        if (problem is null) return true;
        // An outage fails every request alike: one line each, not a stack trace per request.
        if (problem.Status == 503) log.LogWarning("Request {Method} {Path} refused, database unreachable: {Reason}", http.Request.Method, http.Request.Path,
            exception.GetBaseException().Message);
        else if (problem.Status >= 500) log.LogError(exception, "Request {Method} {Path} failed", http.Request.Method, http.Request.Path);
        else if (exception is DbUpdateException) log.LogInformation("Request {Method} {Path} lost an expected race ({Status}): {Reason}",
            http.Request.Method, http.Request.Path, problem.Status, exception.GetBaseException().Message);
        if (problem.Status == 503) http.Response.Headers.RetryAfter = "5";
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var p = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (extensions is not null) foreach (var (k, v) in extensions) p.Extensions[k] = v;
        return p;
    }

    // Minimal APIs wrap JSON errors; name the field that is wrong without echoing internals.
    private static ProblemDetails Invalid(System.Text.Json.JsonException j)
    {
        var p = Problem(400, "Invalid request", StrictJson.Explain(j));
        p.Extensions["errors"] = new Dictionary<string, string[]> { [StrictJson.FieldOf(j) ?? "body"] = [p.Detail!] };
        return p;
    }

    private static bool IsUniqueViolation(DbException db) =>
        db.SqlState == "23505" || (db is Microsoft.Data.Sqlite.SqliteException s && s.SqliteExtendedErrorCode == 2067);

    private static bool IsDatabaseDown(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            // SQLite: still busy or locked by another writer after the command timeout, the embedded form of "unreachable".
            if (x is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
        return false;
    }
}

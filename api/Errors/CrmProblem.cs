namespace OutlookCrm.Api.Errors;

// Domain errors: thrown where a rule is decided, turned into a ProblemDetails by CrmExceptionHandler.
public class CrmProblem(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    public static CrmProblem NotFound(string what, object id) =>
        new(StatusCodes.Status404NotFound, "Not found", $"{what} {id} does not exist or is not in your scope.");

    public static CrmProblem Rule(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "Business rule violated", detail);

    public static CrmProblem Invalid(string field, string detail)
    {
        var p = new CrmProblem(StatusCodes.Status400BadRequest, "Invalid request", detail);
        p.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return p;
    }

    public static CrmProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static CrmProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);

    public static CrmProblem Stale() => new(StatusCodes.Status412PreconditionFailed, "Precondition failed",
        "The record was changed by someone else since you read it. Reload it and apply your change again.");

    public static CrmProblem IfMatchRequired() => new(StatusCodes.Status428PreconditionRequired, "Precondition required",
        "Send the record's ETag in an If-Match header, so that no one else's change is overwritten.");
}

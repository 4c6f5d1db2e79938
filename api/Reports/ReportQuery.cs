using System.Globalization;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Reports;

// The query every report takes: ?from=&to= (yyyy-MM-dd, local days in the report zone) &territory= &rep=.
// Parsed here rather than by the framework so a malformed value is a 400 ProblemDetails naming the field.
public sealed record ReportQuery(string? From, string? To, string? Territory, string? Rep)
{
    public async Task<(ReportScope Scope, ReportPeriod Period)> ResolveAsync(CrmDbContext db, Caller caller, ReportOptions options, DateTime nowUtc)
    {
        var period = ReportPeriod.Resolve(Day("from", From), Day("to", To), options.Zone(), nowUtc);
        var scope = await ReportScope.ResolveAsync(db, caller, Id("territory", Territory), Id("rep", Rep));
        return (scope, period);
    }

    public static DateOnly? Day(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 1900 and <= 2200)
            return day;
        throw CrmProblem.Invalid(field, $"'{field}' must be a date written yyyy-MM-dd.");
    }

    public static int? Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw CrmProblem.Invalid(field, $"'{field}' must be a positive whole number (an id).");
    }
}

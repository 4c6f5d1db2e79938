using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.Commissions;

public static class CommissionsApi
{
    public static RouteGroupBuilder MapCommissions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/commissions").WithTags("Commissions");
        group.MapGet("/statement", GetStatement);
        group.MapPost("/close", ClosePeriod);
        group.MapGet("/rules", CommissionRules.ListRules);
        group.MapPost("/rules", CommissionRules.CreateRule);
        group.MapPut("/rules/{id:int}", CommissionRules.UpdateRule);
        return api;
    }

    // GET /api/commissions/statement?year=2026&month=11[&rep=12]: a rep reads only their own; a manager their territory's reps.
    internal static async Task<Ok<CommissionStatement>> GetStatement(CrmDbContext db, Caller caller, IConfiguration config, int? year, int? month, int? rep)
    {
        var today = SalesClock.Today(config);
        var (y, m) = (year ?? today.Year, month ?? today.Month);
        if (y is < 2000 or > 2100 || m is < 1 or > 12) throw CrmProblem.Invalid("month", "Give a year (2000-2100) and a month (1-12).");
        var scope = await ReportScope.ResolveAsync(db, caller, null, rep ?? caller.RequireUser());
        return TypedResults.Ok(await CommissionStatements.ForAsync(db, scope.Users.Single().Id, y, m));
    }

    // Managers close a finished month for one rep or for every rep of their scope; closing again changes nothing.
    internal static async Task<Ok<CloseResult>> ClosePeriod(CloseRequest request, CrmDbContext db, Caller caller, IConfiguration config)
    {
        if (!caller.IsManager) throw CrmProblem.Forbidden("Only managers and administrators close commission periods.");
        var today = SalesClock.Today(config);
        if (new DateOnly(request.Year, request.Month, 1).AddMonths(1) > today)
            throw CrmProblem.Rule($"{request.Year}-{request.Month:D2} is not over: a month is closed once it has ended.");
        var scope = await ReportScope.ResolveAsync(db, caller, request.Territory, request.Rep);
        var closed = new List<int>();
        foreach (var u in scope.Users)
            if (await CommissionStatements.CloseAsync(db, u.Id, request.Year, request.Month, caller.RequireUser())) closed.Add(u.Id);
        return TypedResults.Ok(new CloseResult(request.Year, request.Month, closed, scope.Users.Count - closed.Count));
    }
}

public sealed record CloseResult(int Year, int Month, IReadOnlyList<int> ClosedReps, int AlreadyClosed);

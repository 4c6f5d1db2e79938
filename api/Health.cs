namespace OutlookCrm.Api;

// Liveness (no dependency: also the benchmarks' bare endpoint) and readiness (the database answers).
public static class Health
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapGet("/health/ready", Ready).ExcludeFromDescription();
    }

    internal static async Task<ContentHttpResult> Ready(CrmDbContext db, CancellationToken ct)
    {
        if (!await db.Database.CanConnectAsync(ct))
            throw new CrmProblem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database cannot be reached.");
        return TypedResults.Text("ready");
    }
}

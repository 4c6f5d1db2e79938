using Microsoft.EntityFrameworkCore;

namespace OutlookCrm.Api;

// Liveness (no dependency: also the benchmarks' bare endpoint) and readiness (the database answers and its
// schema is this build's: no migration pending), for a load balancer, compose or Kubernetes probes.
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
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new CrmProblem(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                $"The database schema is behind this version: {pending.Count} migration(s) pending, from {pending[0]}. Run `migrate` or restart one instance.");
        return TypedResults.Text("ready");
    }
}

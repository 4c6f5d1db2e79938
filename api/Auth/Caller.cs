using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace OutlookCrm.Api.Auth;

// Who is calling and what they may see, resolved once per request from the token and the Users table.
// The sync worker calls with its application role and names the rep it acts for in X-Act-As.
public sealed record Caller(int? UserId, string? Name, UserRole Role, int? TerritoryId, bool SeesAll,
    IReadOnlyList<CompanyStatus> PublicStatuses, bool IsApplication)
{
    public const string ActAsHeader = "X-Act-As";

    // The application (azp) behind an application token, acting for UserId when X-Act-As named one.
    public string? Application { get; init; }

    public bool IsManager => Role is UserRole.Manager or UserRole.Admin;

    public int RequireUser() => UserId ?? throw CrmProblem.Invalid(ActAsHeader,
        $"This call needs a user: an application must name the rep it acts for in the {ActAsHeader} header.");

    public static async ValueTask<Caller> BindAsync(HttpContext http)
    {
        if (http.Items[typeof(Caller)] is Caller cached) return cached;
        var caller = await Resolve(http);
        http.Items[typeof(Caller)] = caller;
        return caller;
    }

    private static async Task<Caller> Resolve(HttpContext http)
    {
        var auth = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var vis = http.RequestServices.GetRequiredService<IOptions<VisibilityOptions>>().Value;
        var db = http.RequestServices.GetRequiredService<CrmDbContext>();
        var publicStatuses = vis.SharedStatuses();
        var principal = http.User;

        if (ApplicationAccess.IsApplication(principal, auth))
        {
            // ApplicationAccessHandler lets an application without X-Act-As reach only the routes that need no user.
            var actAs = http.Request.Headers[ActAsHeader].ToString();
            if (string.IsNullOrEmpty(actAs))
                return new Caller(null, null, UserRole.Rep, null, false, [], true) { Application = AppName(principal) };
            if (!int.TryParse(actAs, out var repId))
                throw CrmProblem.Invalid(ActAsHeader, "X-Act-As must be a CRM user id.");
            var rep = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == repId && u.IsActive)
                ?? throw CrmProblem.NotFound("User", repId);
            return ForUser(rep, vis, publicStatuses) with { IsApplication = true, Application = AppName(principal) };
        }

        var oid = principal.FindFirstValue("oid") ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier");
        if (oid is null) throw CrmProblem.Forbidden("The token does not identify a user (no oid claim).");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.EntraObjectId == oid && u.IsActive)
            ?? throw CrmProblem.Forbidden("Your account is not registered in the CRM. Ask an administrator to add you.");
        return ForUser(user, vis, publicStatuses);
    }

    private static string AppName(ClaimsPrincipal p) => p.FindFirstValue("azp") ?? p.FindFirstValue("appid") ?? "application";

    private static Caller ForUser(User u, VisibilityOptions vis, CompanyStatus[] publicStatuses) => new(
        u.Id, u.DisplayName, u.Role, u.TerritoryId,
        SeesAll: u.Role == UserRole.Admin || (u.Role == UserRole.Manager && (vis.ManagersSeeAll || u.TerritoryId is null)),
        publicStatuses, IsApplication: false);
}

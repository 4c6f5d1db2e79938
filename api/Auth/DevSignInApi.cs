using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace OutlookCrm.Api.Auth;

// Local development sign-in: pick a demo user, get a token the API accepts. Mapped only when
// Auth:DevSignIn is on, which AddCrmAuth refuses in Production.
public static class DevSignInApi
{
    public sealed record DevUser(int Id, string DisplayName, string Upn, string Role, string? Territory);
    public sealed record DevToken(string AccessToken, int ExpiresIn, DevUser User);
    public sealed record DevTokenRequest(int UserId);
    public sealed record DevAppToken(string AccessToken, int ExpiresIn);

    public static void MapDevSignIn(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevSignIn) return;
        var group = app.MapGroup("/dev").WithTags("Development sign-in").ExcludeFromDescription();
        group.MapGet("/users", ListUsers);
        group.MapPost("/token", IssueToken);
        group.MapPost("/app-token", IssueAppToken);
    }

    internal static Task<List<DevUser>> ListUsers(CrmDbContext db) =>
        db.Users.AsNoTracking().Where(u => u.IsActive && u.EntraObjectId != null).OrderBy(u => u.Role).ThenBy(u => u.DisplayName)
            .Select(u => new DevUser(u.Id, u.DisplayName, u.Upn, u.Role.ToString(), u.Territory != null ? u.Territory.Name : null))
            .ToListAsync();

    internal static async Task<Results<Ok<DevToken>, NotFound>> IssueToken(DevTokenRequest request, CrmDbContext db, IOptions<AuthOptions> auth)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId && u.IsActive && u.EntraObjectId != null)
            .Select(u => new { u.EntraObjectId, Dev = new DevUser(u.Id, u.DisplayName, u.Upn, u.Role.ToString(), u.Territory != null ? u.Territory.Name : null) })
            .FirstOrDefaultAsync();
        if (user is null) return TypedResults.NotFound();
        var token = UserToken(auth.Value, user.EntraObjectId!, user.Dev.DisplayName, user.Dev.Upn, TimeSpan.FromHours(8));
        return TypedResults.Ok(new DevToken(token, 8 * 3600, user.Dev));
    }

    // For the sync worker in the embedded run: the application role, as Entra ID would issue it.
    internal static Ok<DevAppToken> IssueAppToken(IOptions<AuthOptions> auth) =>
        TypedResults.Ok(new DevAppToken(AppToken(auth.Value, TimeSpan.FromHours(8)), 8 * 3600));

    // Shaped as Entra ID v2 access tokens: a user's carries the delegated scope, the worker's the app role.
    public static string UserToken(AuthOptions auth, string oid, string name, string upn, TimeSpan lifetime) =>
        Sign(auth, lifetime, new("oid", oid), new("sub", oid), new("name", name), new("preferred_username", upn), new("scp", auth.Scope));

    public static string AppToken(AuthOptions auth, TimeSpan lifetime) =>
        Sign(auth, lifetime, new("roles", auth.SyncAppRole), new("azp", "outlookcrm-sync-worker"), new("oid", "outlookcrm-sync-worker"),
            new("sub", "outlookcrm-sync-worker"), new("idtyp", "app"));

    public static string Sign(AuthOptions auth, TimeSpan lifetime, params Claim[] claims)
    {
        var credentials = new SigningCredentials(AuthSetup.DevKey(auth), SecurityAlgorithms.HmacSha256);
        var now = DateTime.UtcNow;
        var notBefore = (lifetime > TimeSpan.Zero ? now : now.Add(lifetime)).AddMinutes(-1);
        var tid = claims.FirstOrDefault(c => c.Type == "tid")?.Value ?? (auth.IsMultiTenant ? AuthOptions.DevTenantId : auth.EffectiveTenantId);
        Claim[] entra = [new("tid", tid), new("ver", "2.0")];
        var jwt = new JwtSecurityToken(auth.IssuerFor(tid), auth.Audience, [.. entra.Where(e => claims.All(c => c.Type != e.Type)), .. claims],
            notBefore, now.Add(lifetime), credentials);
        return new JwtSecurityTokenHandler().WriteToken(jwt);
    }
}

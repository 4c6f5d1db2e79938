using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace OutlookCrm.Api.Auth;

// What an application token (the sync worker, the ERP's push) may do: only the routes it needs, and (but for the two that
// say who is who) only for a named user in X-Act-As. A user's token is not concerned.
public static class ApplicationAccess
{
    // "METHOD route pattern" → whether X-Act-As is required. Keep in step with sync-worker/Crm/CrmClient.cs.
    public static readonly IReadOnlyDictionary<string, bool> Routes = new Dictionary<string, bool>
    {
        ["GET /api/me"] = false,
        ["GET /api/sync/mailboxes"] = false,
        ["GET /api/sync/companies"] = true,
        ["GET /api/sync/activities"] = true,
        ["GET /api/lookup"] = true,
        ["GET /api/activities/{id:long}"] = true,
        ["POST /api/activities"] = true,
        ["PATCH /api/activities/{id:long}"] = true,
        ["POST /api/activities/{id:long}/close"] = true,
        // The central system's nightly push (docs/sales.md): for no user in particular.
        ["POST /api/erp/feed"] = false,
    };

    // An application token has the app role and no delegated scope; a user's token with a role assigned is still a user's.
    public static bool IsApplication(ClaimsPrincipal principal, AuthOptions auth) =>
        !principal.HasClaim(c => c.Type is "scp" or "http://schemas.microsoft.com/identity/claims/scope")
        && principal.FindAll("roles").Any(r => r.Value == auth.SyncAppRole);

    public static bool HasScope(ClaimsPrincipal principal, AuthOptions auth) =>
        principal.FindAll("scp").SelectMany(c => c.Value.Split(' ')).Contains(auth.Scope);

    public static string? RouteKey(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint e ? $"{http.Request.Method} {e.RoutePattern.RawText?.TrimEnd('/')}" : null;
}

public sealed class ApplicationAccessRequirement : IAuthorizationRequirement;

internal sealed class ApplicationAccessHandler(IOptions<AuthOptions> options) : AuthorizationHandler<ApplicationAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApplicationAccessRequirement requirement)
    {
        var auth = options.Value;
        if (ApplicationAccess.HasScope(context.User, auth)) context.Succeed(requirement);
        else if (!ApplicationAccess.IsApplication(context.User, auth))
            context.Fail(new(this, $"The token carries neither the API's '{auth.Scope}' scope nor the '{auth.SyncAppRole}' application role."));
        else if (context.Resource is HttpContext http)
        {
            var route = ApplicationAccess.RouteKey(http);
            if (route is null || !ApplicationAccess.Routes.TryGetValue(route, out var actAs))
                context.Fail(new(this, $"An application token cannot call {http.Request.Method} {http.Request.Path}: it is reserved to users."));
            else if (actAs && string.IsNullOrEmpty(http.Request.Headers[Caller.ActAsHeader]))
                context.Fail(new(this, $"An application acts only for a user: name the CRM user id in the {Caller.ActAsHeader} header."));
            else context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

// A refused authorization answers a ProblemDetails that says why, like every other error.
internal sealed class ForbiddenAsProblem(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || http.User.Identity?.IsAuthenticated != true)
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        var reasons = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
        var auth = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var detail = reasons.Count > 0 ? string.Join(" ", reasons)
            : $"This route needs the '{auth.Scope}' scope of a user's token or the '{auth.SyncAppRole}' role of the sync application.";
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = 403, Title = "Forbidden", Detail = detail },
        });
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OutlookCrm.Api.Auth;

public static class AuthSetup
{
    public const string UserPolicy = "crm-user", SyncPolicy = "crm-sync";

    public static WebApplicationBuilder AddCrmAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<VisibilityOptions>().BindConfiguration(VisibilityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.DevSignIn && builder.Environment.IsProduction())
            throw new InvalidOperationException("Auth:DevSignIn cannot be enabled in Production: it lets anyone pick a user.");

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddMicrosoftIdentityWebApi(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters.RoleClaimType = "roles";
            o.TokenValidationParameters.NameClaimType = "name";
            // Entra ID v2 tokens carry the client id as audience, v1 tokens the application ID URI.
            o.TokenValidationParameters.ValidAudiences = [auth.Audience, auth.EffectiveClientId];
            o.Events = new JwtBearerEvents { OnTokenValidated = c => AllowedTenant(c, auth) };
            // Development and tests: the tenant's metadata is replaced by the local key; issuer, audience,
            // lifetime, scope and role checks stay those of Microsoft.Identity.Web.
            if (auth.DevSignIn)
            {
                o.Configuration = DevConfiguration(auth);
                // Identity.Web's issuer validator matches these templates (tid substituted) before it would fetch Entra's metadata.
                o.TokenValidationParameters.ValidIssuers = [o.Configuration.Issuer];
            }
        }, id =>
        {
            id.Instance = auth.Instance;
            id.TenantId = auth.EffectiveTenantId;
            id.ClientId = auth.EffectiveClientId;
            // Tokens with neither scope nor role reach the policy below and get a 403 naming what is missing.
            id.AllowWebApiToBeAuthorizedByACL = true;
        });

        builder.Services.AddSingleton<IAuthorizationHandler, ApplicationAccessHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        builder.Services.AddAuthorizationBuilder()
            // A user's token needs the API's delegated scope, the worker's its app role; which routes
            // the worker may call, and for whom, is ApplicationAccess.
            .AddPolicy(UserPolicy, p => p.RequireAuthenticatedUser()
                .RequireScopeOrAppPermission([auth.Scope], [auth.SyncAppRole])
                .AddRequirements(new ApplicationAccessRequirement()))
            .AddPolicy(SyncPolicy, p => p.RequireAuthenticatedUser().RequireScopeOrAppPermission([], [auth.SyncAppRole]));
        return builder;
    }

    // Multi-tenant issuer handling: Identity.Web checks the issuer matches the token's tenant; this limits which tenants.
    private static Task AllowedTenant(TokenValidatedContext context, AuthOptions auth)
    {
        var tid = context.Principal?.FindFirst("tid")?.Value;
        var allowed = auth.AllowedTenants.Count > 0 ? auth.AllowedTenants : auth.IsMultiTenant ? null : [auth.EffectiveTenantId];
        if (allowed is not null && !allowed.Contains(tid ?? "", StringComparer.OrdinalIgnoreCase))
            context.Fail($"Tenant '{tid}' is not allowed to call this API.");
        return Task.CompletedTask;
    }

    private static OpenIdConnectConfiguration DevConfiguration(AuthOptions auth)
    {
        // As Entra ID's metadata: the issuer is a template Identity.Web's issuer validator fills with the token's tid.
        var config = new OpenIdConnectConfiguration { Issuer = auth.IssuerFor(auth.IsMultiTenant ? "{tenantid}" : auth.EffectiveTenantId) };
        config.SigningKeys.Add(DevKey(auth));
        return config;
    }

    // In development without a configured key, a random one per process: tokens die with the process.
    private static readonly byte[] RandomKey = RandomNumberGenerator.GetBytes(32);

    public static SymmetricSecurityKey DevKey(AuthOptions auth) =>
        new(string.IsNullOrEmpty(auth.DevSigningKey) ? RandomKey : SHA256.HashData(Encoding.UTF8.GetBytes(auth.DevSigningKey)));
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace OutlookCrm.Api.Auth;

public static class AuthSetup
{
    public const string UserPolicy = "crm-user", ManagerPolicy = "crm-manager", SyncPolicy = "crm-sync";

    public static WebApplicationBuilder AddCrmAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<VisibilityOptions>().BindConfiguration(VisibilityOptions.Section);
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.DevSignIn && builder.Environment.IsProduction())
            throw new InvalidOperationException("Auth:DevSignIn cannot be enabled in Production: it lets anyone pick a user.");

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters.RoleClaimType = "roles";
            o.TokenValidationParameters.NameClaimType = "name";
            if (auth.DevSignIn)
            {
                o.TokenValidationParameters.ValidIssuer = AuthOptions.DevIssuer;
                o.TokenValidationParameters.ValidAudience = auth.Audience;
                o.TokenValidationParameters.IssuerSigningKey = DevKey(auth);
            }
            else
            {
                o.Authority = auth.Authority ?? $"https://login.microsoftonline.com/{auth.TenantId}/v2.0";
                // Entra ID v2 tokens carry the app id URI or the client id as audience.
                o.TokenValidationParameters.ValidAudiences = [auth.Audience, auth.Audience.Replace("api://", "")];
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(SyncPolicy, p => p.RequireRole(auth.SyncAppRole));
        return builder;
    }

    // In development without a configured key, a random one per process: tokens die with the process.
    private static readonly byte[] RandomKey = RandomNumberGenerator.GetBytes(32);

    public static SymmetricSecurityKey DevKey(AuthOptions auth) =>
        new(string.IsNullOrEmpty(auth.DevSigningKey) ? RandomKey : SHA256.HashData(Encoding.UTF8.GetBytes(auth.DevSigningKey)));
}

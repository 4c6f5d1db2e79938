using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace OutlookCrm.Api.Http;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";
    // Requests per user (or per user the worker acts for) per minute; a burst above it waits for the next window.
    public int PermitsPerMinute { get; set; } = 1200;
}

public static class AbuseLimits
{
    public const string PerUser = "per-user";

    public static WebApplicationBuilder AddAbuseLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(PerUser, http => RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limits.PermitsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Title = "Too many requests",
                        Detail = $"More than {limits.PermitsPerMinute} requests in a minute. Retry in {retry} seconds.",
                    },
                });
            };
        });
        return builder;
    }

    // One bucket per signed-in user; the worker gets one per rep it acts for.
    private static string PartitionOf(HttpContext http)
    {
        var user = http.User;
        var who = user.FindFirst("oid")?.Value ?? user.FindFirst("azp")?.Value;
        if (who is null) return "anonymous:" + http.Connection.RemoteIpAddress;
        return who + "|" + http.Request.Headers[Caller.ActAsHeader];
    }

    // The pane runs inside Outlook: only this origin and Office's script host may supply code, only Outlook may frame it.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self' https://login.microsoftonline.com; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'self' https://outlook.office.com https://outlook.office365.com https://outlook.live.com https://*.officeapps.live.com https://*.cloud.microsoft";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // The interactive reference (Development only) is Scalar's page with its inline bootstrap script.
        if (!http.Request.Path.StartsWithSegments("/scalar")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return next(http);
    });
}

using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Observability;

// Metrics and traces: the instruments always exist (dotnet-counters sees them); OpenTelemetry collects and
// exports them by OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so an unconfigured API pays nothing for it.
public static class ObservabilitySetup
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddCrmObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddSingleton<CrmMetrics>();
        services.AddSingleton<DbCommandTiming>();
        services.ConfigureDbContext<SqliteCrmDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DbCommandTiming>()));
        services.ConfigureDbContext<PostgreSqlCrmDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DbCommandTiming>()));
        services.ConfigureDbContext<SqlServerCrmDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DbCommandTiming>()));
        services.AddTransient<IStartupFilter, LookupTiming>();
        // PostConfigure: after Program.cs sets its own CustomizeProblemDetails, which this wraps rather than replaces.
        services.AddOptions<ProblemDetailsOptions>().PostConfigure<CrmMetrics>((o, metrics) =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = ctx => { previous?.Invoke(ctx); CountRefusal(ctx, metrics); };
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint])) return builder;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "outlookcrm-api"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                .AddMeter(CrmMetrics.Name, "Npgsql", "Microsoft.EntityFrameworkCore"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation().AddNpgsql().AddSource(CrmMetrics.Name))
            .UseOtlpExporter();
        return builder;
    }

    // What a user was refused: rules, validation, visibility, conflicts, stale writes. Not 401/404/500s.
    private static void CountRefusal(ProblemDetailsContext ctx, CrmMetrics metrics)
    {
        var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
        var refused = ctx.Exception switch
        {
            CrmProblem p => p.Status is >= 400 and < 500 and not 404,
            Microsoft.EntityFrameworkCore.DbUpdateException => status is 409 or 412,
            null => ctx.ProblemDetails is HttpValidationProblemDetails,
            _ => false,
        };
        if (refused)
            metrics.Refusals.Add(1, new("http.response.status_code", status), new("crm.refusal", ctx.ProblemDetails.Title ?? "unknown"),
                new("http.route", Route(ctx.HttpContext)));
    }

    // A group's root comes out as "/api/companies/": the trailing slash is not part of the route's name.
    private static string Route(HttpContext http) => (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/') ?? "";

    // The lookup's latency as the add-in sees it (whole request), recorded once the endpoint is known.
    private sealed class LookupTiming(CrmMetrics metrics) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                var started = Stopwatch.GetTimestamp();
                try { await nextMiddleware(http); }
                finally
                {
                    if (Route(http) == "/api/lookup")
                        metrics.Lookup.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                            new KeyValuePair<string, object?>("http.response.status_code", http.Response.StatusCode));
                }
            });
            next(app);
        };
    }
}

using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;
using OutlookCrm.SyncWorker.Sync;

namespace OutlookCrm.SyncWorker;

public static class WorkerSetup
{
    public static IServiceCollection AddSyncWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateAnnotations().ValidateOnStart();
        services.AddOptions<CrmApiOptions>().BindConfiguration(CrmApiOptions.Section).ValidateAnnotations().ValidateOnStart();
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateAnnotations().ValidateOnStart();

        var graphOptions = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        var credential = GraphSetup.Credential(graphOptions);
        // Without a tenant there is no Graph: the worker can only plan (dry-run), reading every mailbox as empty.
        if (graphOptions.Mode == GraphMode.Real && credential is null) graphOptions.Mode = GraphMode.None;
        services.AddSingleton(graphOptions);
        services.PostConfigure<GraphOptions>(o => o.Mode = graphOptions.Mode);
        services.PostConfigure<SyncOptions>(o => o.DryRun |= graphOptions.Mode == GraphMode.None);

        services.AddTransient(sp => new CrmTokenHandler(sp.GetRequiredService<IOptions<CrmApiOptions>>(), credential));
        services.AddHttpClient<CrmClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<CrmApiOptions>>().Value.BaseAddress)
            .AddHttpMessageHandler<CrmTokenHandler>().AddHttpMessageHandler(() => new LeaseGuardHandler());
        services.AddSingleton(sp => GraphSetup.CreateClient(graphOptions, sp.GetRequiredService<IOptions<SyncOptions>>().Value, credential));
        services.AddTransient<StateStore>();
        services.AddSingleton<LeaseKeeper>();
        services.AddSingleton<WorkerHealth>();
        services.AddHealthChecks().AddCheck<LiveCheck>("live", tags: ["live"]).AddCheck<ReadyCheck>("ready", tags: ["ready"]);
        services.AddSingleton<StatusFile>();
        services.AddSingleton<SyncMetrics>();
        // OpenTelemetry: the worker's meter and outgoing HTTP (Graph, CRM API); exported over OTLP only when
        // Telemetry:OtlpEndpoint is set (off by default).
        var otlp = configuration["Telemetry:OtlpEndpoint"];
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("outlookcrm-sync-worker"))
            .WithMetrics(m =>
            {
                m.AddMeter(SyncMetrics.MeterName).AddHttpClientInstrumentation();
                if (!string.IsNullOrEmpty(otlp)) m.AddOtlpExporter(e => e.Endpoint = new Uri(otlp));
            });
        // Spans only when they go somewhere: without an exporter each Graph and CRM call still built and recorded one.
        if (!string.IsNullOrEmpty(otlp)) telemetry.WithTracing(t => t.AddHttpClientInstrumentation().AddOtlpExporter(e => e.Endpoint = new Uri(otlp)));
        services.AddTransient(sp => new ContactSync(sp.GetRequiredService<CrmClient>(), NullableGraph(sp, graphOptions),
            sp.GetRequiredService<StateStore>(), sp.GetRequiredService<IOptions<SyncOptions>>(), sp.GetRequiredService<ILogger<ContactSync>>()));
        services.AddTransient(sp => new CalendarSync(sp.GetRequiredService<CrmClient>(), NullableGraph(sp, graphOptions),
            sp.GetRequiredService<StateStore>(), sp.GetRequiredService<IOptions<SyncOptions>>(), sp.GetRequiredService<ILogger<CalendarSync>>()));
        services.AddTransient<MailboxCycle>();
        return services;
    }

    private static Microsoft.Graph.GraphServiceClient? NullableGraph(IServiceProvider sp, GraphOptions o) =>
        o.Mode == GraphMode.None ? null : sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>();
}

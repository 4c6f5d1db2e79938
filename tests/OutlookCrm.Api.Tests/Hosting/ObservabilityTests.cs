using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Observability;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Hosting;

[TestClass]
public sealed class ObservabilityTests : ApiTest
{
    protected override Provider Provider => Provider.Sqlite;

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);

    // This app's meter only (IMeterFactory gives each app its own), whatever other suites run meanwhile.
    private static MeterListener Listen(Meter meter, ConcurrentBag<Measurement> into)
    {
        var listener = new MeterListener { InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, meter)) l.EnableMeasurementEvents(i); } };
        void Add(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            into.Add(new(i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        return listener;
    }

    [TestMethod]
    public async Task LookupLatencyDbTimeAndRuleRefusalsAreMeasured()
    {
        var measured = new ConcurrentBag<Measurement>();
        using var listener = Listen(App.Services.GetRequiredService<CrmMetrics>().Meter, measured);
        var rep = As(Team.RepA);

        (await rep.GetAsync("/api/lookup?email=nobody@example.com")).EnsureSuccessStatusCode();
        await (await rep.Post("/api/companies", new { name = "" })).AssertProblem(HttpStatusCode.BadRequest);
        listener.RecordObservableInstruments();

        var lookups = measured.Where(m => m.Instrument == "crm.lookup.duration").ToList();
        Assert.AreEqual(1, lookups.Count, "one lookup, one measurement");
        Assert.AreEqual(200, lookups[0].Tags["http.response.status_code"]);
        Assert.IsTrue(lookups[0].Value is > 0 and < 60);

        var refusals = measured.Where(m => m.Instrument == "crm.rule.refusals").ToList();
        Assert.AreEqual(1, refusals.Count, "the empty name was refused once");
        Assert.AreEqual(400, refusals[0].Tags["http.response.status_code"]);
        Assert.AreEqual("/api/companies", refusals[0].Tags["http.route"]);

        var db = measured.Where(m => m.Instrument == "crm.db.command.duration").ToList();
        Assert.IsTrue(db.Count >= 2, "the lookup's statements were timed");
        Assert.IsTrue(db.All(m => (string?)m.Tags["db.system.name"] == "sqlite" && (string?)m.Tags["crm.outcome"] == "ok"));
    }

    [TestMethod]
    public async Task DatabaseCommandsAreSpansOfTheRequestTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CrmMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == traceId) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/lookup?email=nobody@example.com");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await As(Team.RepA).SendAsync(request)).EnsureSuccessStatusCode();

        // The lookup's own statement at least; the caller's may come from the per-token cache (HotPaths:CallerSeconds).
        Assert.IsTrue(spans.Count >= 1, $"{spans.Count} database spans in the request's trace");
        Assert.IsTrue(spans.All(s => s.DisplayName == "db SELECT" && (string?)s.GetTagItem("db.system.name") == "sqlite"),
            string.Join(", ", spans.Select(s => s.DisplayName)));
        Assert.IsTrue(spans.All(s => s.Duration > TimeSpan.Zero));
    }

    [TestMethod]
    public void ASpanIsNamedForItsStatementPastTagsAndASettingSentBeforeIt()
    {
        Assert.AreEqual("SELECT", Api.Observability.DbCommandTiming.Operation("-- generic plan\n\nSELECT c.\"Id\" FROM x"));
        Assert.AreEqual("SELECT", Api.Observability.DbCommandTiming.Operation("SET plan_cache_mode = force_generic_plan;\n-- generic plan\n\nSELECT 1;\nRESET plan_cache_mode"));
        Assert.AreEqual("SET", Api.Observability.DbCommandTiming.Operation("SET LOCAL statement_timeout = 0;"));
        Assert.AreEqual("INSERT", Api.Observability.DbCommandTiming.Operation("  INSERT INTO t VALUES (1)"));
    }

    [TestMethod]
    public async Task ReadinessFailsWhileAMigrationIsPending()
    {
        var client = App.CreateClient();
        Assert.AreEqual("ready", await client.GetStringAsync("/health/ready"));
        var last = App.WithDb(db => db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1").Single());
        App.WithDb(db => db.Database.ExecuteSqlRaw("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last));
        try
        {
            var problem = await (await client.GetAsync("/health/ready")).AssertProblem(HttpStatusCode.ServiceUnavailable);
            StringAssert.Contains(problem.GetProperty("detail").GetString(), last);
            Assert.AreEqual("ok", await client.GetStringAsync("/health/live"), "alive all the same: restarting would not help");
        }
        finally
        {
            App.WithDb(db => db.Database.ExecuteSqlRaw("INSERT INTO \"__EFMigrationsHistory\" VALUES ({0}, '10.0.15')", last));
        }
        Assert.AreEqual("ready", await client.GetStringAsync("/health/ready"));
    }
}

// OTLP export, when configured: a collector stand-in on loopback receives the API's traces and metrics.
[TestClass]
public sealed class OtlpExportTests
{
    [TestMethod]
    public async Task TracesAndMetricsReachTheConfiguredCollector()
    {
        var port = ApiProcess.FreePort();
        var received = new ConcurrentDictionary<string, List<byte[]>>();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        _ = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await collector.GetContextAsync(); } catch { return; }
                using var body = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(body);
                received.GetOrAdd(ctx.Request.Url!.AbsolutePath, _ => []).Add(body.ToArray());
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/x-protobuf";
                ctx.Response.Close();
            }
        });

        using var plain = new CrmApp(Provider.Sqlite);
        var team = SalesTeam.Create(plain);
        using var app = plain.WithWebHostBuilder(b =>
        {
            b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{port}");
            b.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            b.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
            b.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200");
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            Auth.DevSignInApi.UserToken(plain.Auth, team.RepA.EntraObjectId!, team.RepA.DisplayName, team.RepA.Upn, TimeSpan.FromHours(1)));
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/lookup?email=nobody@example.com");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var traceBytes = Convert.FromHexString(traceId.ToHexString());
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !(Has("/v1/traces", traceBytes) && Has("/v1/metrics", Encoding.UTF8.GetBytes("crm.lookup.duration"))))
            await Task.Delay(200);
        Assert.IsTrue(Has("/v1/traces", traceBytes), "the request's trace was exported: " + string.Join(", ", received.Keys));
        Assert.IsTrue(Has("/v1/traces", Encoding.UTF8.GetBytes("outlookcrm-api")), "with the service name");
        Assert.IsTrue(Has("/v1/metrics", Encoding.UTF8.GetBytes("crm.lookup.duration")), "the lookup latency was exported");
        Assert.IsTrue(Has("/v1/metrics", Encoding.UTF8.GetBytes("http.server.request.duration")), "ASP.NET Core's request metrics too");

        bool Has(string path, byte[] needle) => received.TryGetValue(path, out var bodies) && bodies.ToList().Any(b => b.AsSpan().IndexOf(needle) >= 0);
    }
}

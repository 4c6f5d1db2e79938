using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Faults;

// PostgreSQL restarted under load: reps keep writing and reading while the server stops and comes back.
[TestClass]
public sealed class DatabaseOutageTests
{
    private enum Phase { Up, Down, Back }

    private sealed record Answer(Phase Phase, string What, int Status, string? MediaType, string Body, bool RetryAfter);

    [TestMethod]
    public async Task WhileTheDatabaseIsDownTheApiAnswers503ThenRecoversAndLosesNoAcknowledgedWrite()
    {
        if (!OwnPostgres.Available) Assert.Fail("PostgreSQL 15 is not installed (apt-get install postgresql).");
        using var pg = new OwnPostgres();
        using var app = new CrmApp(Provider.PostgreSql, connectionString: $"{pg.ConnectionString};Database=crm_outage;Timeout=3");
        app.CreateClient().Dispose();
        var team = SalesTeam.Create(app);
        var phase = Phase.Up;
        var answers = new ConcurrentQueue<Answer>();
        var acknowledged = new ConcurrentDictionary<long, string>();
        using var stop = new CancellationTokenSource();

        async Task Send(HttpClient client, string what, Func<Task<HttpResponseMessage>> send)
        {
            var at = phase;
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            answers.Enqueue(new(at, what, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body,
                response.Headers.RetryAfter is not null));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var company = System.Text.Json.JsonSerializer.Deserialize<CompanyDto>(body, HttpTestExtensions.Json)!;
                acknowledged[company.Id] = company.Name;
            }
        }
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var client = app.ClientFor(worker % 2 == 0 ? team.RepA : team.RepB);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await Send(client, "POST /api/companies", () => client.Post("/api/companies", new { name = $"Outage {worker}-{n}" }));
                await Send(client, "GET /api/companies", () => client.GetAsync("/api/companies?limit=5"));
                await Send(client, "GET /health/ready", () => client.GetAsync("/health/ready"));
                await Task.Delay(20);
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && acknowledged.Count < 10) await Task.Delay(50);
        var beforeOutage = acknowledged.Count;
        await Task.Delay(500);
        pg.Stop();
        phase = Phase.Down;
        await Task.Delay(2500);
        pg.Resume();
        phase = Phase.Back;
        clock.Restart();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && answers.Count(a => a.Phase == Phase.Back && a.Status == 201) < 10) await Task.Delay(100);
        var recovery = clock.Elapsed;
        stop.Cancel();
        await Task.WhenAll(load);

        var all = answers.ToList();
        Console.WriteLine($"Answers: {string.Join(", ", all.GroupBy(a => (a.Phase, a.Status)).Select(g => $"{g.Key.Phase} {g.Key.Status}×{g.Count()}"))}; " +
            $"writes acknowledged: {beforeOutage} before the outage, {acknowledged.Count} in all; recovered in {recovery.TotalSeconds:F1} s after the restart.");
        var unexpected = all.Where(a => a.Status is not (200 or 201 or 503)).ToList();
        Assert.AreEqual(0, unexpected.Count, "only success or 503 while the database comes and goes: " +
            string.Join("\n", unexpected.Take(5).Select(a => $"{a.Status} {a.What}: {a.Body[..Math.Min(300, a.Body.Length)]}")));
        var unavailable = all.Where(a => a.Status == 503).ToList();
        Assert.IsTrue(all.Any(a => a.Phase == Phase.Down && a.Status == 503), "requests made while the database is down are refused with 503");
        foreach (var a in unavailable)
        {
            Assert.AreEqual("application/problem+json", a.MediaType, a.Body);
            Assert.IsTrue(a.RetryAfter, "a 503 tells the client when to retry");
            Assert.IsFalse(a.Body.Contains("   at ") || a.Body.Contains("Npgsql"), "no internals leak: " + a.Body);
        }
        Assert.IsTrue(all.Count(a => a.Phase == Phase.Back && a.Status == 201) >= 10, "writes succeed again without restarting the API");
        Assert.IsTrue(recovery < TimeSpan.FromSeconds(15), $"recovery took {recovery.TotalSeconds:F1} s");
        Assert.AreEqual(HttpStatusCode.OK, (await app.ClientFor(team.RepA).GetAsync("/health/ready")).StatusCode);

        Assert.IsTrue(beforeOutage >= 10, "writes were acknowledged before the outage");
        var ids = acknowledged.Keys.ToList();
        var stored = app.WithDb(db => db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id, c => c.Name));
        var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var name) || name != a.Value).ToList();
        Assert.AreEqual(0, lost.Count, "acknowledged writes lost: " + string.Join(", ", lost.Take(10).Select(l => l.Value)));
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Budget;

// Issue 11 points 2 and 7: every batch step counts against the mailbox's 4 concurrent requests and its
// 10,000 / 10 min budget; a throttled step waits its own Retry-After; the attempt timeout excludes the wait.
[TestClass]
public sealed class GraphBudgetTests
{
    [TestMethod]
    public async Task TheDoubleCountsEachBatchStepAgainstTheFourConcurrentRequestsOfAMailbox()
    {
        await using var graph = await GraphDouble.GraphDouble.StartAsync();
        graph.Latency = TimeSpan.FromSeconds(1);
        using var http = new HttpClient();
        JsonObject Batch(int steps) => new()
        {
            ["requests"] = new JsonArray(Enumerable.Range(1, steps).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.ToString(), ["method"] = "GET", ["url"] = "/users/busy@test.example/contactFolders",
            }).ToArray()),
        };
        // One batch of 4 steps fills the mailbox; a single request beside it is the fifth.
        var batch = http.PostAsJsonAsync(graph.BaseUrl + "/$batch", Batch(4));
        var busy = graph.Mailbox("busy@test.example");
        while (Volatile.Read(ref busy.InFlight) < 4) await Task.Delay(10);
        using var single = await http.GetAsync(graph.BaseUrl + "/users/busy@test.example/contactFolders");
        var answers = JsonNode.Parse(await (await batch).Content.ReadAsStringAsync())!["responses"]!.AsArray();
        Assert.AreEqual(429, (int)single.StatusCode);
        Assert.AreEqual("1", single.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.IsTrue(answers.All(a => (int)a!["status"]! == 200));
        Assert.AreEqual(1, graph.ConcurrencyViolations);

        // Two unsequenced batches at once: 8 steps in flight, 4 of them refused with their own Retry-After.
        var two = await Task.WhenAll(http.PostAsJsonAsync(graph.BaseUrl + "/$batch", Batch(4)), http.PostAsJsonAsync(graph.BaseUrl + "/$batch", Batch(4)));
        var statuses = new List<int>();
        foreach (var r in two)
            statuses.AddRange(JsonNode.Parse(await r.Content.ReadAsStringAsync())!["responses"]!.AsArray().Select(a => (int)a!["status"]!));
        Assert.AreEqual(4, statuses.Count(s => s == 429), string.Join(",", statuses));
    }

    // SyncBench --app-limit: one bucket for the whole app, whatever the mailbox; each mailbox's own budget is untouched.
    [TestMethod]
    public async Task TheAppWideLimitWhenSetRefusesRequestsOfEveryMailboxBeyondIt()
    {
        await using var graph = await GraphDouble.GraphDouble.StartAsync();
        (graph.AppRatePerSecond, graph.AppBurst) = (0.5, 3);
        using var http = new HttpClient();
        var statuses = new List<int>();
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            using var answer = await http.GetAsync(graph.BaseUrl + $"/users/{user}@test.example/contactFolders");
            statuses.Add((int)answer.StatusCode);
            if (answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                Assert.IsTrue(answer.Headers.RetryAfter?.Delta?.TotalSeconds is >= 1 and <= 120);
        }
        CollectionAssert.AreEqual(new[] { 200, 200, 200, 429 }, statuses);
        Assert.AreEqual(1, graph.AppThrottled);
        Assert.AreEqual(1, graph.Mailbox("d@test.example").Throttled);
        Assert.AreEqual(0, graph.Mailbox("d@test.example").Accepted);
    }

    [TestMethod]
    public async Task UnderASmallBudgetTheWorkerStaysWithinFourConcurrentStepsAndWaitsEachStepsRetryAfter()
    {
        await using var rig = await SyncRig.StartAsync();
        for (var i = 0; i < 12; i++) rig.Crm.AddCompany($"Budget {i:00}", rig.Crm.RepA, contacts: 5);
        rig.Graph.Latency = TimeSpan.FromMilliseconds(20);
        (rig.Graph.ThrottleRatePerSecond, rig.Graph.ThrottleBurst) = (20, 10);
        var clock = Stopwatch.StartNew();

        var (report, _) = await rig.CycleAsync(rig.Crm.RepA, settings: new() { ["Sync:SyncCalendar"] = "false" });

        var m = rig.MailboxOf(rig.Crm.RepA);
        Assert.AreEqual(60, m.ContactsIn("CRM").Count);
        Assert.AreEqual(61, m.Writes, "60 contacts and the folder, each written once");
        Assert.IsTrue(m.Throttled > 0 && report.Throttled > 0, "batch steps were throttled inside 200 answers");
        Assert.AreEqual(0, rig.Graph.ConcurrencyViolations, "never more than 4 requests or batch steps in flight for one mailbox");
        var minimum = TimeSpan.FromSeconds((m.Requests - m.Throttled - 10) / 20.0);
        Assert.IsTrue(clock.Elapsed >= minimum * 0.95, $"it waited as Retry-After said ({clock.Elapsed} for a minimum of {minimum})");
    }

    [TestMethod]
    public async Task ARetryAfterLongerThanTheAttemptTimeoutIsWaitedOutNotTakenForADeadConnection()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Patient Co", rig.Crm.RepA, contacts: 1);
        (rig.Graph.ThrottleNextRequests, rig.Graph.ThrottleNextRetryAfter) = (1, 3);
        var clock = Stopwatch.StartNew();

        await rig.CycleAsync(rig.Crm.RepA, settings: new() { ["Graph:AttemptTimeout"] = "00:00:01", ["Sync:SyncCalendar"] = "false" });

        Assert.IsTrue(clock.Elapsed >= TimeSpan.FromSeconds(3), $"Retry-After 3 s was honoured ({clock.Elapsed})");
        Assert.AreEqual(1, rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM").Count);
    }

    [TestMethod]
    public async Task AMailboxOutsideTheAccessScopeFailsAloneAndTheStatusSaysWhy()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Scope A", rig.Crm.RepA, contacts: 1);
        rig.Crm.AddCompany("Scope B", rig.Crm.RepB, contacts: 1);
        rig.Graph.OutOfScope.Add(rig.Crm.RepB.Upn);
        await using var worker = rig.Worker(settings: new() { ["Sync:MaxRetries"] = "1" });

        await ActivatorUtilities.CreateInstance<SyncLoop>(worker, new NoLifetime()).RunOnceAsync(default);

        Assert.AreEqual(1, rig.MailboxOf(rig.Crm.RepA).ContactsIn("CRM").Count, "the other mailbox went on");
        var status = worker.GetRequiredService<StatusFile>().Read();
        var b = status[$"contacts:{rig.Crm.RepB.Id}"];
        Assert.IsNull(b.LastSuccess);
        Assert.AreEqual(1, b.ConsecutiveFailures);
        StringAssert.Contains(b.LastError, "denied");
        Assert.IsNotNull(status[$"contacts:{rig.Crm.RepA.Id}"].LastSuccess);
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Operations;

[TestClass]
public sealed class OperationsTests
{
    [TestMethod]
    public async Task EachCycleLogsItsFiguresPerMailboxAndTheStatusFileKeepsTheLastSuccess()
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Crm.AddCompany("Logged Co", rig.Crm.RepA, contacts: 2);

        await rig.CycleAsync(rig.Crm.RepA);

        Assert.IsTrue(rig.Log.Any(l => l.StartsWith("rep-a@test.example contacts: created 2, updated 0, deleted 0, unchanged 0, throttled 0, Graph requests ")),
            string.Join("\n", rig.Log));
        Assert.IsTrue(rig.Log.Any(l => l.StartsWith("rep-a@test.example calendar: created 0, updated 0, deleted 0, unchanged 0, throttled 0")));
        var status = Status(rig);
        var contacts = status.GetProperty($"contacts:{rig.Crm.RepA.Id}");
        Assert.AreEqual("rep-a@test.example", contacts.GetProperty("upn").GetString());
        Assert.AreEqual(2, contacts.GetProperty("lastReport").GetProperty("created").GetInt32());
        var success = contacts.GetProperty("lastSuccess").GetDateTimeOffset();
        Assert.IsTrue(DateTimeOffset.UtcNow - success < TimeSpan.FromMinutes(1));

        // A failed cycle (Graph down) does not move the last success.
        rig.Graph.FaultRate = 1;
        await Assert.ThrowsAsync<Exception>(async () => await rig.CycleAsync(rig.Crm.RepA, settings: new() { ["Sync:MaxRetries"] = "0" }), "every call fails");
        Assert.AreEqual(success, Status(rig).GetProperty($"contacts:{rig.Crm.RepA.Id}").GetProperty("lastSuccess").GetDateTimeOffset());
    }

    [TestMethod]
    public async Task UnderTheMailboxBudgetTheWorkerWaitsOutRetryAfterAndNeverExceedsFourConcurrentRequests()
    {
        await using var rig = await SyncRig.StartAsync();
        for (var i = 0; i < 30; i++) rig.Crm.AddCompany($"Budget {i:00}", rig.Crm.RepA, contacts: 5);
        (rig.Graph.ThrottleRatePerSecond, rig.Graph.ThrottleBurst) = (60, 30);
        var clock = Stopwatch.StartNew();

        var (report, _) = await rig.CycleAsync(rig.Crm.RepA, settings: new() { ["Sync:SyncCalendar"] = "false" });

        var m = rig.MailboxOf(rig.Crm.RepA);
        Assert.AreEqual(150, m.ContactsIn("CRM").Count);
        Assert.AreEqual(151, m.Writes, "150 contacts and the folder, each written once");
        Assert.IsTrue(report.Throttled > 0 && m.Throttled > 0, "the budget was hit");
        Assert.AreEqual(0, rig.Graph.ConcurrencyViolations, "never more than 4 requests in flight for one mailbox");
        var minimum = TimeSpan.FromSeconds((m.Requests - m.Throttled - 30) / 60.0);
        Assert.IsTrue(clock.Elapsed >= minimum * 0.95, $"it waited as Retry-After said ({clock.Elapsed} for a minimum of {minimum})");
    }

    [TestMethod]
    public async Task WithoutATenantTheWorkerSaysItIsADryRunAndPrintsWhatAFirstRunWouldWrite()
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Embedded Co", rig.Crm.RepA, contacts: 2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new SyncRig.ListLoggerProvider(rig.Log));
        // As api/run-embedded.sh starts it: only the API address and --dry-run; no Graph credential at all.
        builder.Configuration["Crm:BaseAddress"] = "http://localhost/";
        builder.Configuration["Sync:StateDirectory"] = rig.StateDirectory;
        builder.Configuration["Sync:DryRun"] = "true";
        builder.Services.AddSyncWorker(builder.Configuration);
        builder.Services.AddHttpClient<CrmClient>().ConfigurePrimaryHttpMessageHandler(() => rig.Crm.Server.CreateHandler());
        builder.Services.AddHostedService<SyncLoop>();
        using var host = builder.Build();

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)); // one pass, then it stops by itself

        Assert.IsTrue(rig.Log.Any(l => l.StartsWith("DRY-RUN WITHOUT A TENANT")), string.Join("\n", rig.Log));
        foreach (var contact in company.Contacts)
            Assert.IsTrue(rig.Log.Any(l => l.StartsWith($"[dry-run] rep-a@test.example would create contact contact:{contact.Id} ")), string.Join("\n", rig.Log));
        Assert.IsTrue(rig.Log.Any(l => l.StartsWith("[dry-run] rep-b@test.example would create contact folder")));
        Assert.AreEqual(0, rig.Graph.TotalRequests, "no Graph at all");
        Assert.IsFalse(File.Exists(Path.Combine(rig.StateDirectory, "status.json")), "a dry run records nothing");
    }

    private static JsonElement Status(SyncRig rig) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(rig.StateDirectory, "status.json"))).RootElement;
}

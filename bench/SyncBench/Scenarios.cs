using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Sync;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncBench;

public static class Scenarios
{
    public sealed record Initial(TimeSpan Elapsed, TimeSpan WritePhase, TimeSpan Minimum, int Accepted, int Throttled, int ConcurrencyViolations)
    {
        public double WriteRatio => WritePhase / Minimum;
        public double Ratio => Elapsed / Minimum;
    }

    // A new rep's mailbox: every contact created under the double's per-mailbox token bucket.
    public static async Task<Initial> InitialSyncUnderThrottleAsync(int contacts, int rate)
    {
        await using var rig = await SyncRig.StartAsync();
        Seed(rig.Crm, rig.Crm.RepA, contacts);
        rig.Graph.ThrottleRatePerSecond = rate;
        rig.Graph.ThrottleBurst = rate;
        // The API is a long-running service: warm it up (JIT, first query) as production would be.
        await rig.CycleAsync(rig.Crm.RepB, settings: new() { ["Sync:SyncCalendar"] = "false", ["Sync:DryRun"] = "true" });
        Console.WriteLine($"  initial sync of {contacts} contacts under throttling…");
        var (report, _) = await rig.CycleAsync(rig.Crm.RepA, settings: new() { ["Sync:SyncCalendar"] = "false" });
        var m = rig.MailboxOf(rig.Crm.RepA);
        if (m.ContactsIn("CRM").Count != report.Created || report.Created != contacts) throw new InvalidOperationException("Initial sync incomplete.");
        var accepted = m.Accepted;
        var minimum = TimeSpan.FromSeconds(Math.Max(accepted - rate, 1) / (double)rate);
        // The cycle's own duration, as the worker logs it (from reading the CRM to saving its state).
        return new Initial(report.Duration, m.LastWriteAt!.Value - m.FirstWriteAt!.Value, minimum, accepted, m.Throttled, rig.Graph.ConcurrencyViolations);
    }

    public sealed record Incremental(int Changed, int Requests, int HttpCalls, int UnchangedWrites, int UnchangedRequests)
    {
        public double RequestsPerItem => Requests / (double)Changed;
    }

    // Requests a cycle spends per changed CRM contact, then what an unchanged cycle costs.
    public static async Task<Incremental> IncrementalAsync(int contacts, int changed)
    {
        await using var rig = await SyncRig.StartAsync();
        Seed(rig.Crm, rig.Crm.RepA, contacts);
        var settings = new Dictionary<string, string?> { ["Sync:SyncCalendar"] = "false" };
        await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        var ids = rig.Crm.WithDb(db => db.Contacts.OrderBy(c => c.Id).Select(c => c.Id).Take(changed).ToList());
        rig.Crm.Change(db => { foreach (var c in db.Contacts.Where(c => ids.Contains(c.Id))) c.JobTitle = "Changed buyer"; });
        var m = rig.MailboxOf(rig.Crm.RepA);
        var (requests, calls) = (m.Requests, m.HttpCalls);
        var (report, _) = await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        if (report.Updated != ids.Count) throw new InvalidOperationException($"Expected {ids.Count} updates, got {report.Updated}.");
        var (incRequests, incCalls) = (m.Requests - requests, m.HttpCalls - calls);
        var (writes, reads) = (m.Writes, m.Requests);
        await rig.CycleAsync(rig.Crm.RepA, settings: settings);
        return new Incremental(ids.Count, incRequests, incCalls, m.Writes - writes, m.Requests - reads);
    }

    public sealed record Delay(TimeSpan Poll, List<TimeSpan> Samples);

    // The worker as deployed (its host, default poll interval) beside the API; a CRM change at a random moment,
    // timed until the contact is in the rep's Outlook.
    public static async Task<Delay> EndToEndDelayAsync(int samples)
    {
        await using var rig = await SyncRig.StartAsync();
        var company = rig.Crm.AddCompany("Delay Co", rig.Crm.RepA, 1);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        foreach (var (k, v) in new Dictionary<string, string?>
        {
            ["Graph:Mode"] = "TestDouble", ["Graph:BaseUrl"] = rig.Graph.BaseUrl, ["Crm:BaseAddress"] = "http://localhost/",
            ["Crm:UseDevAppToken"] = "true", ["Sync:StateDirectory"] = rig.StateDirectory,
        }) builder.Configuration[k] = v;
        builder.Services.AddSyncWorker(builder.Configuration);
        builder.Services.AddHttpClient<CrmClient>().ConfigurePrimaryHttpMessageHandler(() => rig.Crm.Server.CreateHandler());
        builder.Services.AddHostedService<SyncLoop>();
        using var host = builder.Build();
        var poll = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyncWorker.Options.SyncOptions>>().Value.PollInterval;
        await host.StartAsync();
        var m = rig.MailboxOf(rig.Crm.RepA);
        while (m.ContactsIn("CRM").Count == 0) await Task.Delay(100);
        var random = new Random(3);
        var result = new List<TimeSpan>();
        for (var i = 0; i < samples; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * poll.TotalSeconds));
            var name = $"Delay Contact {i}";
            rig.Crm.Change(db => db.Contacts.Add(new Contact { CompanyId = company.Id, LastName = name }));
            var clock = Stopwatch.StartNew();
            while (!m.ContactsIn("CRM").Any(c => ((string?)c["surname"]) == name)) await Task.Delay(100);
            result.Add(clock.Elapsed);
            Console.WriteLine($"  end-to-end sample {i + 1}: {clock.Elapsed.TotalSeconds:0.0} s");
        }
        await host.StopAsync();
        return new Delay(poll, result);
    }

    // Companies of five contacts each, in one transaction (the change feed is stamped as for API writes).
    private static void Seed(CrmHost crm, User rep, int contacts) => crm.Change(db =>
    {
        for (var c = 0; c < (contacts + 4) / 5; c++)
        {
            var company = new Company { Name = $"Bench {c:0000}", Status = CompanyStatus.Client, AccountManagerId = rep.Id, TerritoryId = crm.North.Id, City = "Lyon", SalesYearToDate = c * 10 };
            for (var k = 0; k < 5 && c * 5 + k < contacts; k++)
                company.Contacts.Add(new Contact { FirstName = "Bench", LastName = $"Contact {c}-{k}", Email = $"b{c}.{k}@bench.example", JobTitle = "Buyer" });
            db.Companies.Add(company);
        }
    });
}

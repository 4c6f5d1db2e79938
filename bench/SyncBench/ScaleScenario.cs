using System.Diagnostics;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Tests.GraphDouble;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncBench;

// Issue 11 §10: many mailboxes under the strict double (Graph's real budget: 10,000 requests / 10 min per mailbox,
// 4 concurrent requests per mailbox with batch steps counted, Retry-After 1-120 s), served by a pool of worker
// instances sharing them through leases.
public static class ScaleScenario
{
    public sealed record Result(int Mailboxes, TimeSpan Initial, TimeSpan Minimum, int OwnConcurrency429, int Throttled,
        double RequestsPerChange, int Changes, TimeSpan DelayP95, TimeSpan DelayMax, TimeSpan Poll);

    public static async Task<Result> RunAsync(int mailboxes, int contacts, int activities, int instances, int latencyMs, int changes, TimeSpan poll)
    {
        await using var rig = await SyncRig.StartAsync();
        rig.Graph.Latency = TimeSpan.FromMilliseconds(latencyMs);
        var clock = Stopwatch.StartNew();
        var reps = new List<User>();
        for (var i = 0; i < mailboxes; i++)
        {
            var rep = rig.Crm.AddRep($"bench-{i:000}");
            reps.Add(rep);
            rig.Crm.Change(db =>
            {
                var companies = new List<Company>();
                for (var c = 0; c < (contacts + 4) / 5; c++)
                {
                    var company = new Company { Name = $"Bench {i}-{c}", Status = CompanyStatus.Client, AccountManagerId = rep.Id, TerritoryId = rig.Crm.North.Id, City = "Lyon" };
                    for (var k = 0; k < 5 && c * 5 + k < contacts; k++)
                        company.Contacts.Add(new Contact { FirstName = "Bench", LastName = $"Contact {i}-{c}-{k}", Email = $"b{i}.{c}.{k}@bench.example" });
                    companies.Add(company);
                }
                db.Companies.AddRange(companies);
                db.SaveChanges();
                for (var a = 0; a < activities; a++)
                    db.Activities.Add(new OutlookCrm.Api.Data.Activity
                    {
                        Type = ActivityType.Visit, Subject = $"Visit {a}", StartUtc = DateTime.UtcNow.Date.AddDays(1 + a % 50).AddHours(8 + a % 9),
                        EndUtc = DateTime.UtcNow.Date.AddDays(1 + a % 50).AddHours(9 + a % 9), TimeZone = "Europe/Paris",
                        CompanyId = companies[a % companies.Count].Id, OwnerId = rep.Id, Status = ActivityStatus.Planned,
                    });
            });
        }
        Console.WriteLine($"  seeded {mailboxes} × ({contacts} contacts + {activities} planned activities) in {clock.Elapsed.TotalSeconds:0} s");

        var settings = () => new Dictionary<string, string?>
        {
            ["Sync:PollInterval"] = poll.ToString(), ["Sync:LeaseDuration"] = "00:00:45", ["Sync:MaxMailboxesInParallel"] = "64",
        };
        var pool = Enumerable.Range(1, instances).Select(i => new WorkerInstance(rig, $"bench-{i}", settings())).ToList();
        clock.Restart();
        var boxes = reps.Select(r => rig.MailboxOf(r)).ToList();
        while (!boxes.All(m => m.ContactsIn("CRM").Count == contacts && MailboxView.CrmEvents(m).Count == activities))
            await Task.Delay(500);
        var initial = clock.Elapsed;
        // Graph runs mailboxes side by side: the least time the budget allows is the busiest mailbox's, its accepted
        // requests through 4 concurrent slots at the double's latency, or through the token bucket beyond its burst.
        var minimum = boxes.Select(m => Minimum(m.Requests - m.Throttled, rig.Graph, latencyMs)).Max();
        Console.WriteLine($"  initial sync {initial.TotalSeconds:0.0} s (minimum {minimum.TotalSeconds:0.0} s)");

        // Steady state: CRM changes at random moments, each timed until it is in the rep's Outlook.
        await Task.Delay(poll * 2);
        var requestsBefore = boxes.Sum(m => m.Requests);
        var idle = Stopwatch.StartNew();
        await Task.Delay(poll * 2);
        var idleRate = (boxes.Sum(m => m.Requests) - requestsBefore) / idle.Elapsed.TotalSeconds;
        var random = new Random(11);
        var delays = new List<TimeSpan>();
        var (start, phase) = (boxes.Sum(m => m.Requests), Stopwatch.StartNew());
        var pending = new List<Task>();
        for (var i = 0; i < changes; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * poll.TotalMilliseconds / 2));
            var rep = reps[random.Next(reps.Count)];
            var title = $"Changed {i}";
            rig.Crm.Change(db => { var c = db.Contacts.Where(k => k.Company!.AccountManagerId == rep.Id).OrderBy(k => k.Id).Skip(random.Next(contacts)).First(); c.JobTitle = title; });
            var changedAt = Stopwatch.StartNew();
            var m = rig.MailboxOf(rep);
            pending.Add(Task.Run(async () =>
            {
                while (!m.ContactsIn("CRM").Any(c => (string?)c["jobTitle"] == title)) await Task.Delay(100);
                lock (delays) delays.Add(changedAt.Elapsed);
            }));
        }
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(10));
        var spent = boxes.Sum(m => m.Requests) - start - idleRate * phase.Elapsed.TotalSeconds;
        foreach (var i in pool) await i.StopAsync();
        delays.Sort();
        return new Result(mailboxes, initial, minimum, rig.Graph.ConcurrencyViolations, boxes.Sum(m => m.Throttled),
            spent / changes, changes, delays[(int)Math.Ceiling(delays.Count * 0.95) - 1], delays[^1], poll);
    }

    private static TimeSpan Minimum(int accepted, GraphDouble graph, int latencyMs)
    {
        var bySlots = TimeSpan.FromMilliseconds(accepted * latencyMs / 4.0);
        var byBudget = graph.ThrottleRatePerSecond is { } rate && accepted > graph.ThrottleBurst
            ? TimeSpan.FromSeconds((accepted - graph.ThrottleBurst) / rate) : TimeSpan.Zero;
        return bySlots > byBudget ? bySlots : byBudget;
    }
}

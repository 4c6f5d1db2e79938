using System.Diagnostics;
using OutlookCrm.Api.Data;
using OutlookCrm.SyncWorker.Tests.GraphDouble;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncBench;

// Issue 11 §10: many mailboxes under the strict double (Graph's real budget: 10,000 requests / 10 min per mailbox,
// 4 concurrent requests per mailbox with batch steps counted, Retry-After 1-120 s), served by a pool of worker
// instances sharing them through leases, with the worker's default settings (poll 60 s, leases of 45 s).
public static class ScaleScenario
{
    // Graph's documented limits the least initial-sync time is computed from
    // (https://learn.microsoft.com/en-us/graph/throttling-limits):
    // - Outlook, per app and mailbox: 4 concurrent requests; JSON batch steps run 4 at a time, each counted
    //   ("Outlook service limits for JSON batching"; https://learn.microsoft.com/en-us/graph/json-batching: at most
    //   20 requests per batch, each evaluated individually against the throttling limits);
    // - Outlook, per app and mailbox: 10,000 requests per 10 minutes (the double's token bucket, full at the start);
    // - global, per app across all tenants: 130,000 requests per 10 seconds.
    public const int ConcurrentPerMailbox = 4;
    public const double AppRequestsPerSecond = 130_000 / 10.0;

    // WorkerDll: the instances run as processes of their own (the sync worker's published entry point, its own runtime
    // settings plus WorkerEnv), the API on a loopback port; without it they run inside this process.
    public sealed record Options(int Mailboxes, int Contacts, int Activities, int Instances, int LatencyMs, int Changes, TimeSpan Poll, string? Postgres, bool InitialOnly = false,
        string? WorkerDll = null, IReadOnlyList<string>? WorkerEnv = null, bool AppLimit = false);

    public sealed record Result(Options Run, TimeSpan Seed, TimeSpan Initial, TimeSpan Minimum, string MinimumBy, long InitialSteps, long InitialHttpCalls,
        TimeSpan InitialCpu, TimeSpan SlowestMailbox, TimeSpan MedianMailbox, double MailboxRatio,
        int OwnConcurrency429, int All429, int Delivered, TimeSpan DelayP50, TimeSpan DelayP95, TimeSpan DelayMax,
        long ChangeSteps, long ChangePolls, long ChangeWrites, IReadOnlyList<(string Kind, long Count)> ChangeKinds, double RequestsPerChange, double PollsPerMailboxHour, TimeSpan SteadyWall, TimeSpan SteadyCpu, IReadOnlyList<(string Warning, int Count)> Warnings);

    // Every mailbox's accepted requests by kind (GraphMailbox.Kinds), summed.
    private static Dictionary<string, long> Kinds(IEnumerable<GraphMailbox> boxes)
    {
        var all = new Dictionary<string, long>();
        foreach (var m in boxes) foreach (var (kind, n) in m.Kinds) all[kind] = all.GetValueOrDefault(kind) + n;
        return all;
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    // What the runtime spent besides our code during a phase: collections per generation, GC pauses, JIT compilations.
    private readonly record struct RuntimeCounts(int Gen0, int Gen1, int Gen2, TimeSpan GcPause, TimeSpan Jit, long JitMethods)
    {
        public static RuntimeCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());

        public string Since(RuntimeCounts before) =>
            $"GCs gen0/1/2 {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2}, GC pauses {(GcPause - before.GcPause).TotalSeconds:0.0} s, " +
            $"JIT {(Jit - before.Jit).TotalSeconds:0.0} s for {JitMethods - before.JitMethods:N0} methods";
    }

    // The GC settings in effect (as the GC itself reports them), to check which configuration names a run honoured.
    public static string GcSettings()
    {
        var all = GC.GetConfigurationVariables();
        string[] shown = ["ServerGC", "ConcurrentGC", "GCgen0size", "GCGen0MaxBudget", "GCConserveMemory", "GCDynamicAdaptationMode", "GCHeapCount"];
        return string.Join(", ", shown.Where(all.ContainsKey).Select(k => $"{k}={all[k]}"));
    }

    public static async Task<Result> RunAsync(Options run)
    {
        var (mailboxes, contacts, activities) = (run.Mailboxes, run.Contacts, run.Activities);
        await using var rig = await SyncRig.StartAsync(postgres: run.Postgres, kestrel: run.WorkerDll is not null);
        rig.Graph.Latency = TimeSpan.FromMilliseconds(run.LatencyMs);
        // --app-limit: the double also enforces Graph's app-wide limit (13,000 requests per second, a second's burst).
        if (run.AppLimit) (rig.Graph.AppRatePerSecond, rig.Graph.AppBurst) = (AppRequestsPerSecond, AppRequestsPerSecond);
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
        var seed = clock.Elapsed;
        Console.WriteLine($"  seeded {mailboxes} × ({contacts} contacts + {activities} planned activities) in {seed.TotalSeconds:0} s");

        // The worker's defaults, but for the poll interval chosen and the instance's name.
        var settings = () => new Dictionary<string, string?> { ["Sync:PollInterval"] = run.Poll.ToString() };
        var boxes = reps.Select(r => rig.MailboxOf(r)).ToList();
        var (cpu0, started, runtime0) = (Cpu(), DateTime.UtcNow, RuntimeCounts.Now());
        clock.Restart();
        var processes = run.WorkerDll is null ? [] : Enumerable.Range(1, run.Instances).Select(i => WorkerProcess.Start(rig, run, $"bench-{i}")).ToList();
        var pool = run.WorkerDll is not null ? [] : Enumerable.Range(1, run.Instances).Select(i => new WorkerInstance(rig, $"bench-{i}", settings())).ToList();
        // Converged: every mailbox holds all its contacts and planned events (counted in place, nothing copied).
        var pending = boxes.ToList();
        var lastReport = Stopwatch.StartNew();
        // A mailbox is counted again only once the worker wrote to it since (counting 1,200 items of every pending mailbox
        // four times a second was 6 % of the process's CPU in a 60-mailbox profile: the bench measuring itself).
        var writesSeen = new Dictionary<GraphMailbox, int>();
        while (pending.Count > 0)
        {
            pending.RemoveAll(m =>
            {
                var writes = Volatile.Read(ref m.Writes);
                if (writesSeen.TryGetValue(m, out var seen) && seen == writes) return false;
                writesSeen[m] = writes;
                // Fewer items in the whole mailbox than the CRM folder must hold: not converged, nothing to count.
                if (m.ContactCount < contacts || m.EventCount < activities) return false;
                return m.CountContactsIn("CRM") == contacts && m.CountKeyedEvents() == activities;
            });
            if (pending.Count == 0) break;
            if (lastReport.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"    {clock.Elapsed.TotalSeconds:0} s: {boxes.Count - pending.Count} of {boxes.Count} mailboxes synced, {boxes.Sum(m => m.Accepted)} Graph requests");
                lastReport.Restart();
            }
            await Task.Delay(250);
        }
        var initial = clock.Elapsed;
        var initialCpu = Cpu() - cpu0;
        var accepted = boxes.Select(m => m.Accepted).ToList();
        var (minimum, by) = Minimum(accepted, rig.Graph, run.LatencyMs);
        // Each mailbox on its own: from its first to its last write, against its own least time.
        var perMailbox = boxes.Select(m => (Span: (m.LastWriteAt ?? started) - started, Least: Minimum([m.Accepted], rig.Graph, run.LatencyMs).Least))
            .OrderBy(x => x.Span).ToList();
        Console.WriteLine($"  initial sync {initial.TotalSeconds:0.0} s (minimum {minimum.TotalSeconds:0.0} s, {by}); CPU {initialCpu.TotalSeconds:0.0} s " +
            $"= {initialCpu / (initial * Environment.ProcessorCount):P0} of {Environment.ProcessorCount} cores, " +
            $"{initialCpu.TotalMilliseconds / Math.Max(1, accepted.Sum(a => (long)a)):0.000} ms per Graph request");
        Console.WriteLine($"  during the initial sync: {RuntimeCounts.Now().Since(runtime0)}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        if (run.AppLimit) Console.WriteLine($"  app-wide limit enforced: {rig.Graph.AppThrottled:N0} answers 429 for it, {boxes.Sum(m => m.Throttled):N0} 429 in all");
        if (processes.Count > 0)
        {
            // The worker processes on their own (this process holds the API and the Graph double).
            var workerCpu = processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Cpu());
            Console.WriteLine($"  worker processes ({string.Join(", ", run.WorkerEnv is { Count: > 0 } env ? env : ["runtime defaults"])}): CPU {workerCpu.TotalSeconds:0.0} s, " +
                $"{workerCpu.TotalMilliseconds / Math.Max(1, accepted.Sum(a => (long)a)):0.000} ms per Graph request; peak working set " +
                $"{string.Join(" / ", processes.Select(p => $"{p.PeakWorkingSetMb:0} MB"))}; threads: {string.Join(" / ", processes.Select(p => p.Threads()))}; " +
                $"this process (API, double): CPU {(initialCpu).TotalSeconds:0.0} s");
        }
        if (run.InitialOnly)
        {
            // --initial-only: the comparison runs of a runtime setting need nothing after the initial sync.
            foreach (var p in processes) p.Stop();
            foreach (var i in pool) await i.StopAsync();
            return new Result(run, seed, initial, minimum, by, accepted.Sum(), boxes.Sum(m => (long)m.HttpCalls), initialCpu,
                perMailbox[^1].Span, perMailbox[perMailbox.Count / 2].Span, 0, rig.Graph.ConcurrencyViolations, boxes.Sum(m => m.Throttled),
                0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, [], 0, 0, TimeSpan.Zero, TimeSpan.Zero, []);
        }

        // Settle: the first incremental cycle of each mailbox reads back its own writes through delta (1,000 contacts in
        // pages of 200: one delta link and 4 next links). A fixed pause was not enough at 300 mailboxes: read-backs still
        // running when the changes began had their next links charged to the changes (2.00 requests per change instead
        // of 1.00). The changes begin once a whole poll interval (+10 s) has passed in which no mailbox sent anything but
        // its delta polls.
        var settle = Stopwatch.StartNew();
        long Others() => boxes.Sum(m => (long)m.Accepted - m.DeltaPolls);
        for (var (others, quiet) = (Others(), Stopwatch.StartNew()); quiet.Elapsed < run.Poll + TimeSpan.FromSeconds(10) && settle.Elapsed < TimeSpan.FromMinutes(15);)
        {
            await Task.Delay(1000);
            if (Others() != others) (others, quiet) = (Others(), Stopwatch.StartNew());
        }
        Console.WriteLine($"  settled in {settle.Elapsed.TotalSeconds:0} s (read-backs of the first sync done, then a poll interval with nothing but delta polls)");

        // Steady state: CRM changes at random moments in random mailboxes, each timed until the rep's Outlook shows it.
        var random = new Random(11);
        var delays = new List<TimeSpan>();
        var watching = new List<(GraphMailbox Box, string Title, long Seq, Stopwatch Since)>();
        var (steps0, polls0, writes0, cpu1) = (boxes.Sum(m => (long)m.Accepted), boxes.Sum(m => (long)m.DeltaPolls), boxes.Sum(m => (long)m.Writes), Cpu());
        var kinds0 = Kinds(boxes);
        var steady = Stopwatch.StartNew();
        var watcher = Task.Run(async () =>
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(15))
            {
                lock (watching)
                {
                    foreach (var w in watching.Where(w => w.Box.AnyContactIn("CRM", c => (string?)c["jobTitle"] == w.Title, changedAfter: w.Seq)).ToList())
                    {
                        delays.Add(w.Since.Elapsed);
                        watching.Remove(w);
                    }
                    if (delays.Count == run.Changes) return;
                }
                await Task.Delay(100);
            }
        });
        for (var i = 0; i < run.Changes; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * 2000));
            var rep = reps[random.Next(reps.Count)];
            var title = $"Changed {i}";
            var skip = random.Next(contacts);
            // Only the mailbox's items written after the change are looked at (the contact must be written to show it).
            var box = rig.MailboxOf(rep);
            long seq;
            lock (box.Sync) seq = box.Seq;
            rig.Crm.Change(db => { var c = db.Contacts.Where(k => k.Company!.AccountManagerId == rep.Id).OrderBy(k => k.Id).Skip(skip).First(); c.JobTitle = title; });
            lock (watching) watching.Add((box, title, seq, Stopwatch.StartNew()));
        }
        await watcher;
        // What the cycles that carried the changes still sent after the last one showed up (their state is saved after the writes).
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (steadyWall, steadyCpu) = (steady.Elapsed, Cpu() - cpu1);
        var steps = boxes.Sum(m => (long)m.Accepted) - steps0;
        var polls = boxes.Sum(m => (long)m.DeltaPolls) - polls0;
        var writes = boxes.Sum(m => (long)m.Writes) - writes0;
        var changeKinds = Kinds(boxes).Select(k => (Kind: k.Key, Count: k.Value - kinds0.GetValueOrDefault(k.Key))).Where(k => k.Count > 0)
            .OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
        foreach (var p in processes) p.Stop();
        foreach (var i in pool) await i.StopAsync();
        // The workers' warnings and errors (a failed cycle is retried a poll interval later: the tail of a first sync),
        // grouped with mailbox names and numbers left out.
        List<(string, int)> warnings;
        lock (rig.Warnings)
            warnings = rig.Warnings.GroupBy(w => System.Text.RegularExpressions.Regex.Replace(w.Split('\n')[0], @"bench-\d+@\S+|\d+", "#"))
                .OrderByDescending(g => g.Count()).Select(g => (g.Key.Length > 200 ? g.Key[..200] : g.Key, g.Count())).ToList();
        delays.Sort();
        TimeSpan P(double q) => delays.Count == 0 ? TimeSpan.MaxValue : delays[Math.Max(0, (int)Math.Ceiling(delays.Count * q) - 1)];
        return new Result(run, seed, initial, minimum, by, accepted.Sum(), boxes.Sum(m => (long)m.HttpCalls), initialCpu,
            perMailbox[^1].Span, perMailbox[perMailbox.Count / 2].Span, perMailbox.Where(x => x.Least > TimeSpan.Zero).Select(x => x.Span / x.Least).DefaultIfEmpty(0).Max(),
            rig.Graph.ConcurrencyViolations, boxes.Sum(m => m.Throttled), delays.Count, P(0.5), P(0.95), delays.Count == 0 ? TimeSpan.MaxValue : delays[^1],
            steps, polls, writes, changeKinds, delays.Count == 0 ? double.PositiveInfinity : (steps - polls) / (double)delays.Count,
            polls / (double)mailboxes / steadyWall.TotalHours, steadyWall, steadyCpu, warnings);
    }

    // The least time Graph's budget allows for these accepted requests: mailboxes are served side by side, so the busiest
    // mailbox bounds it, through its 4 concurrent slots at the double's latency per request or step, or through its token
    // bucket beyond the burst; and every request of every mailbox goes through the app's global limit.
    public static (TimeSpan Least, string By) Minimum(IReadOnlyList<int> accepted, GraphDouble graph, int latencyMs)
    {
        var busiest = accepted.Max();
        var bySlots = TimeSpan.FromMilliseconds(busiest * latencyMs / (double)ConcurrentPerMailbox);
        var byBudget = graph.ThrottleRatePerSecond is { } rate && busiest > graph.ThrottleBurst
            ? TimeSpan.FromSeconds((busiest - graph.ThrottleBurst) / rate) : TimeSpan.Zero;
        var byApp = TimeSpan.FromSeconds(accepted.Sum(a => (long)a) / AppRequestsPerSecond);
        if (byApp >= bySlots && byApp >= byBudget) return (byApp, $"app-wide {accepted.Sum(a => (long)a):N0} requests at 130,000 per 10 s");
        if (byBudget > bySlots) return (byBudget, $"busiest mailbox's {busiest:N0} requests through the 10,000 / 10 min bucket");
        return (bySlots, $"busiest mailbox's {busiest:N0} requests through {ConcurrentPerMailbox} slots at {latencyMs} ms each");
    }
}

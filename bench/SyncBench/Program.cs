using System.Diagnostics;
using System.Globalization;

namespace OutlookCrm.SyncBench;

// Sync benchmark (issue 7): the real worker against the real API (SQLite) and the Graph test double.
// Usage: dotnet run --project bench/SyncBench -c Release [-- --contacts 5000 --rate 200 --changed 1000 --skip-delay]
// A class, not top-level statements: the API's global Program is referenced too.
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var apiRoot = typeof(BenchProgram).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "ApiContentRoot").Value;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_OUTLOOKCRM_API", apiRoot);
        var argsList = args.ToList();
        int Arg(string name, int fallback) => argsList.IndexOf(name) is var i and >= 0 && i + 1 < argsList.Count ? int.Parse(argsList[i + 1], CultureInfo.InvariantCulture) : fallback;
        var contacts = Arg("--contacts", 5000);
        var rate = Arg("--rate", 100);
        var changed = Arg("--changed", 1000);
        var skipDelay = argsList.Contains("--skip-delay");
        var noTargets = argsList.Contains("--no-targets");
        // --worker-dll <OutlookCrm.SyncWorker.dll>: the instances as processes of their own; --worker-env K=V (repeatable) for them.
        var workerDll = argsList.IndexOf("--worker-dll") is var w and >= 0 && w + 1 < argsList.Count ? Path.GetFullPath(argsList[w + 1]) : null;
        var workerEnv = argsList.Select((a, i) => (a, i)).Where(x => x.a == "--worker-env" && x.i + 1 < argsList.Count).Select(x => argsList[x.i + 1]).ToList();
        if (argsList.Contains("--scale")) return await ScaleAsync(Arg, noTargets, argsList.Contains("--initial-only"), workerDll, workerEnv, argsList.Contains("--app-limit"));

        Console.WriteLine($"SyncBench: {contacts} contacts, throttle {rate} requests/s per mailbox (burst {rate}), {changed} changed items, {Environment.ProcessorCount} cores");
        var results = new List<(string Measure, string Value, string Target, bool Met)>();
        var clock = Stopwatch.StartNew();

        var initial = await Scenarios.InitialSyncUnderThrottleAsync(contacts, rate);
        results.Add(("initial sync, 5,000-contact mailbox: cycle time", $"{initial.Elapsed.TotalSeconds:0.0} s", "", true));
        results.Add(("  minimum the throttle allows", $"{initial.Minimum.TotalSeconds:0.0} s ({initial.Accepted} requests - burst {rate}) / {rate}/s", "", true));
        results.Add(("  ratio whole cycle / minimum", $"{initial.Ratio:0.00}× (reading the CRM, planning, writing, saving state)", "≤ 1.10×", initial.Ratio <= 1.10));
        results.Add(("  ratio Graph write phase / minimum", $"{initial.WriteRatio:0.00}× ({initial.WritePhase.TotalSeconds:0.0} s from first to last write)", "≤ 1.10×", initial.WriteRatio <= 1.10));
        results.Add(("  429 answers honoured (Retry-After) / >4 concurrent", $"{initial.Throttled} / {initial.ConcurrencyViolations}", "- / 0", initial.ConcurrencyViolations == 0));

        var incremental = await Scenarios.IncrementalAsync(Math.Min(contacts, 2000), changed);
        results.Add(($"Graph requests per changed item ({incremental.Changed} changed)", $"{incremental.RequestsPerItem:0.000} ({incremental.Requests} requests, {incremental.HttpCalls} HTTP calls)", "≤ 1.05", incremental.RequestsPerItem <= 1.05));
        results.Add(("writes on an unchanged cycle", $"{incremental.UnchangedWrites} ({incremental.UnchangedRequests} reads)", "0", incremental.UnchangedWrites == 0));

        if (!skipDelay)
        {
            var delay = await Scenarios.EndToEndDelayAsync(samples: 2);
            results.Add(($"CRM change → Outlook contact, default settings (poll {delay.Poll.TotalSeconds:0} s), worst of {delay.Samples.Count}",
                $"{delay.Samples.Max().TotalSeconds:0.0} s (samples: {string.Join(", ", delay.Samples.Select(s => $"{s.TotalSeconds:0.0} s"))})", "≤ 120 s",
                delay.Samples.Max() <= TimeSpan.FromMinutes(2)));
        }

        var width = results.Max(r => r.Measure.Length);
        var valueWidth = results.Max(r => r.Value.Length);
        Console.WriteLine();
        Console.WriteLine($"| {"measure".PadRight(width)} | {"measured".PadRight(valueWidth)} | target  | met |");
        Console.WriteLine($"|{new string('-', width + 2)}|{new string('-', valueWidth + 2)}|---------|-----|");
        foreach (var r in results)
            Console.WriteLine($"| {r.Measure.PadRight(width)} | {r.Value.PadRight(valueWidth)} | {r.Target,-7} | {(r.Target.Length == 0 ? "" : r.Met ? "yes" : "NO"),-3} |");
        Console.WriteLine($"\nBenchmark ran in {clock.Elapsed.TotalSeconds:0} s.");
        return noTargets || results.All(r => r.Met) ? 0 : 1;
    }

    // 300 mailboxes × (1,000 contacts + 200 planned activities), 3 instances: dotnet run -c Release -- --scale [--mailboxes N …]
    // One line per target of issue 11 §10 (met / MISSED); exit code 1 on a miss unless --no-targets.
    private static async Task<int> ScaleAsync(Func<string, int, int> arg, bool noTargets, bool initialOnly, string? workerDll, IReadOnlyList<string> workerEnv, bool appLimit)
    {
        var postgres = Environment.GetEnvironmentVariable("CRM_TEST_PG") is { Length: > 0 } pg ? pg : null;
        var run = new ScaleScenario.Options(arg("--mailboxes", 300), arg("--contacts", 1000), arg("--activities", 200), arg("--instances", 3),
            arg("--latency-ms", 20), arg("--changes", 100), TimeSpan.FromSeconds(arg("--poll", 60)), postgres, initialOnly,
            workerDll, workerEnv, appLimit);
        Console.WriteLine($"SyncBench --scale: {run.Mailboxes} mailboxes × ({run.Contacts} contacts + {run.Activities} planned activities), {run.Instances} instances " +
            $"{(workerDll is null ? "in this process" : "as processes of their own")}, Graph double latency {run.LatencyMs} ms per request or batch step, poll {run.Poll.TotalSeconds:0} s, {run.Changes} CRM changes, " +
            $"{(postgres is null ? "SQLite" : "PostgreSQL")}, {Environment.ProcessorCount} cores, load average {Load()}");
        Console.WriteLine($"  GC settings in effect: {ScaleScenario.GcSettings()}");
        var r = await ScaleScenario.RunAsync(run);
        // --initial-only (comparison runs of runtime settings): the initial sync's line above is the result.
        if (initialOnly) return 0;
        var cores = Environment.ProcessorCount;
        Console.WriteLine();
        Console.WriteLine($"| measure | measured |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| seeding the CRM | {r.Seed.TotalSeconds:0} s |");
        Console.WriteLine($"| initial sync, all mailboxes | {r.Initial.TotalSeconds:0.0} s ({r.InitialSteps:N0} Graph requests counting batch steps, {r.InitialHttpCalls:N0} HTTP calls) |");
        Console.WriteLine($"| minimum the budget allows | {r.Minimum.TotalSeconds:0.0} s ({r.MinimumBy}) |");
        Console.WriteLine($"| each mailbox, start to its last write: median / slowest | {r.MedianMailbox.TotalSeconds:0.0} s / {r.SlowestMailbox.TotalSeconds:0.0} s (worst mailbox {r.MailboxRatio:0.00}× its own minimum) |");
        Console.WriteLine($"| CPU during the initial sync (API, double and {run.Instances} instances in one process) | {r.InitialCpu.TotalSeconds:0} s = {r.InitialCpu / (r.Initial * cores):P0} of {cores} cores, {r.InitialCpu.TotalMilliseconds / Math.Max(1, r.InitialSteps):0.00} ms per Graph request |");
        Console.WriteLine($"| CRM → Outlook delay p50 / p95 / max | {r.DelayP50.TotalSeconds:0.0} s / {r.DelayP95.TotalSeconds:0.0} s / {r.DelayMax.TotalSeconds:0.0} s ({r.Delivered} of {run.Changes} changes arrived) |");
        Console.WriteLine($"| Graph requests during the changes | {r.ChangeSteps} (batch steps counted): {r.ChangePolls} delta polls (one per loop and cycle, changed or not), {r.ChangeWrites} item writes, {r.ChangeSteps - r.ChangePolls - r.ChangeWrites} other reads |");
        Console.WriteLine($"| Graph requests during the changes, by kind | {string.Join("; ", r.ChangeKinds.Select(k => $"{k.Kind}: {k.Count}"))} |");
        Console.WriteLine($"| idle polling | {r.PollsPerMailboxHour:0} delta requests per mailbox and hour ({r.SteadyWall.TotalSeconds:0} s, CPU {r.SteadyCpu / (r.SteadyWall * cores):P0} of {cores} cores) |");
        Console.WriteLine($"| 429 answers, all / from our own concurrency | {r.All429} / {r.OwnConcurrency429} |");
        Console.WriteLine($"| worker warnings and errors | {(r.Warnings.Count == 0 ? "none" : string.Join("; ", r.Warnings.Take(8).Select(w => $"{w.Count} × {w.Warning}")))} |");
        Console.WriteLine();
        var ratio = r.Initial / r.Minimum;
        var targets = new List<(string Target, string Value, bool Met)>
        {
            ("initial sync ≤ 1.2× the minimum the budget allows", $"{ratio:0.00}× ({r.Initial.TotalSeconds:0.0} s / {r.Minimum.TotalSeconds:0.0} s)", ratio <= 1.2),
            ("CRM → Outlook delay p95 ≤ 120 s", r.Delivered < run.Changes ? $"{run.Changes - r.Delivered} changes never arrived" : $"{r.DelayP95.TotalSeconds:0.0} s",
                r.Delivered == run.Changes && r.DelayP95 <= TimeSpan.FromMinutes(2)),
            ("Graph requests per changed item ≤ 1.05", $"{r.RequestsPerChange:0.00} (({r.ChangeSteps} − {r.ChangePolls} delta polls) / {r.Delivered} changes)", r.RequestsPerChange <= 1.05),
            ("zero 429 caused by our own concurrency", $"{r.OwnConcurrency429}", r.OwnConcurrency429 == 0),
        };
        foreach (var (target, value, met) in targets) Console.WriteLine($"target {(met ? "met   " : "MISSED")}: {target}: {value}");
        Console.WriteLine($"load average after: {Load()}");
        return noTargets || targets.All(t => t.Met) ? 0 : 1;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}

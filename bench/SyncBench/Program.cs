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
        if (argsList.Contains("--scale")) return await ScaleAsync(Arg);

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
        return results.All(r => r.Met) ? 0 : 1;
    }

    // 300 mailboxes × (1,000 contacts + 200 planned activities), 3 instances: dotnet run -c Release -- --scale [--mailboxes N …]
    private static async Task<int> ScaleAsync(Func<string, int, int> arg)
    {
        var (mailboxes, contacts, activities) = (arg("--mailboxes", 300), arg("--contacts", 1000), arg("--activities", 200));
        var (instances, latency, changes, poll) = (arg("--instances", 3), arg("--latency-ms", 20), arg("--changes", 40), TimeSpan.FromSeconds(arg("--poll", 60)));
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine($"SyncBench --scale: {mailboxes} mailboxes × ({contacts} contacts + {activities} planned activities), {instances} instances, " +
            $"Graph latency {latency} ms per request or step, poll {poll.TotalSeconds:0} s, {Environment.ProcessorCount} cores, load average {load}");
        var r = await ScaleScenario.RunAsync(mailboxes, contacts, activities, instances, latency, changes, poll);
        var rows = new List<(string Measure, string Value, string Target, bool Met)>
        {
            ("initial sync, all mailboxes", $"{r.Initial.TotalSeconds:0.0} s", "", true),
            ("  minimum the budget allows (busiest mailbox)", $"{r.Minimum.TotalSeconds:0.0} s", "", true),
            ("  ratio", $"{r.Initial / r.Minimum:0.00}×", "≤ 1.2×", r.Initial / r.Minimum <= 1.2),
            ("CRM → Outlook delay, p95 / max", $"{r.DelayP95.TotalSeconds:0.0} s / {r.DelayMax.TotalSeconds:0.0} s ({r.Changes} changes)", "≤ 120 s", r.DelayP95 <= TimeSpan.FromMinutes(2)),
            ("Graph requests per changed item (idle polling deducted)", $"{r.RequestsPerChange:0.00}", "≤ 1.05", r.RequestsPerChange <= 1.05),
            ("429 caused by our own concurrency (> 4 in flight)", $"{r.OwnConcurrency429} (all 429: {r.Throttled})", "0", r.OwnConcurrency429 == 0),
        };
        foreach (var row in rows) Console.WriteLine($"| {row.Measure} | {row.Value} | {row.Target} | {(row.Target.Length == 0 ? "" : row.Met ? "yes" : "NO")} |");
        Console.WriteLine($"load average after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        return rows.All(x => x.Met) ? 0 : 1;
    }
}

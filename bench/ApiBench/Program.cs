using System.Net;
using OutlookCrm.Bench;

// API benchmark: the add-in's read endpoints under N concurrent reps, each beside the bare /health/live of the
// same server in the same run (rounds interleave the scenarios, so machine noise hits all of them alike).
var options = BenchOptions.Parse(args);
// The machine's load beside the figures: on a shared machine only the ratios measured in one run compare.
string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
Console.WriteLine($"ApiBench: {options.Clients} clients, {options.Rounds} rounds of {options.Seconds} s per endpoint, {Environment.ProcessorCount} cores, load average {Load()}.");
await using var server = await ApiServer.StartAsync(options);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2, UseCookies = false })
{
    BaseAddress = server.BaseAddress,
};
var reps = await RepSample.LoadAsync(http, options.Clients, new Random(11));
Console.WriteLine($"API at {server.BaseAddress}; {reps.Count} reps sampled, {reps.Sum(r => r.Emails.Length)} of their contacts' addresses.");

string Pick(string[] items, Random rng) => items[rng.Next(items.Length)];
Scenario[] scenarios =
[
    new("GET /health/live (bare)", (_, _) => "/health/live", Authenticated: false),
    new("GET /api/lookup?email= (1 known address)", (r, g) => $"/api/lookup?email={Uri.EscapeDataString(Pick(r.Emails, g))}"),
    new("GET /api/lookup?email= (known + 2 unknown)", (r, g) =>
        $"/api/lookup?email={Uri.EscapeDataString(Pick(r.Emails, g))}&email=x{g.Next()}@unknown.example&email=y{g.Next()}@unknown.example"),
    new("GET /api/me", (_, _) => "/api/me"),
    new("GET /api/stages", (_, _) => "/api/stages"),
    new("GET /api/companies?q=&limit=10", (r, g) => $"/api/companies?q={Uri.EscapeDataString(Pick(r.SearchTerms, g))}&limit=10"),
    new("GET /api/activities/{id}", (r, g) => $"/api/activities/{r.ActivityIds[g.Next(r.ActivityIds.Length)]}"),
    new("GET /api/activities/by-outlook (not linked: 404)", (_, g) => $"/api/activities/by-outlook?icalUid=bench-{g.Next()}", AlsoExpected: HttpStatusCode.NotFound),
];
var only = options.Only is null ? scenarios : scenarios.Where((s, i) => i == 0 || s.Name.Contains(options.Only)).ToArray();
var measured = only.Select(s => new Measured(s)).ToList();

Console.WriteLine("Warming up...");
foreach (var m in measured) await LoadRun.RunAsync(http, m.Scenario, reps, options.Clients, TimeSpan.FromSeconds(1), seed: 0);
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var m in measured)
    {
        var (millis, errors, elapsed) = await LoadRun.RunAsync(http, m.Scenario, reps, options.Clients, TimeSpan.FromSeconds(options.Seconds), round);
        m.Add(millis, errors, elapsed);
    }
    Console.WriteLine($"Round {round}/{options.Rounds}: " + string.Join(", ", measured.Select(m => $"{m.Scenario.Name.Split(' ')[1]} p99 {m.RoundP99[^1]:F2} ms")));
}

var bare = measured[0];
Console.WriteLine();
Console.WriteLine($"| endpoint ({options.Clients} concurrent clients) | requests | req/s | p50 ms | p99 ms | p99 / bare p99 | errors |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var m in measured)
    Console.WriteLine($"| {m.Scenario.Name} | {m.Count:N0} | {m.Throughput:N0} | {m.P50:F2} | {m.P99:F2} | {m.P99 / bare.P99:F2}× | {m.Errors} |");
Console.WriteLine();
Console.WriteLine($"Load average at the end: {Load()}.");
foreach (var lookup in measured.Where(m => m.Scenario.Name.Contains("/api/lookup")))
    Console.WriteLine($"{lookup.Scenario.Name}: p99 / bare p99 = {lookup.P99 / bare.P99:F2} (target ≤ 1.5): {(lookup.P99 <= 1.5 * bare.P99 ? "met" : "missed")}.");
return measured.Sum(m => m.Errors) == 0 ? 0 : 1;

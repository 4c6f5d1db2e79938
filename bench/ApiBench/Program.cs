using System.Net;
using OutlookCrm.Bench;

// API benchmark: the add-in's read endpoints, first one client alone (latency), then N concurrent reps (throughput),
// each beside a floor endpoint of the same server (one row by primary key through the same auth and EF pipeline).
// Rounds interleave the scenarios, so machine noise hits all of them alike. Exits 1 when a target is missed.
var options = BenchOptions.Parse(args);
// The machine's load beside the figures: on a shared machine only the ratios measured in one run compare.
string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
Console.WriteLine($"ApiBench ({(options.Sqlite is null ? "PostgreSQL" : "SQLite")}): {options.Clients} clients, {options.Rounds} rounds of " +
    $"{options.Seconds} s per endpoint, {Environment.ProcessorCount} cores, load average {Load()}.");
await using var server = await ApiServer.StartAsync(options);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2, UseCookies = false })
{
    BaseAddress = server.BaseAddress,
};
var reps = await RepSample.LoadAsync(http, options.Clients, new Random(11));
Console.WriteLine($"API at {server.BaseAddress}; {reps.Count} reps sampled, {reps.Sum(r => r.Emails.Length)} of their contacts' addresses.");

string Pick(string[] items, Random rng) => Uri.EscapeDataString(items[rng.Next(items.Length)]);
string Unknown(Random g, int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"&email=x{g.Next()}.{i}@unknown.example"));
Scenario[] scenarios =
[
    new(Names.Bare, (_, _) => "/health/live", Authenticated: false),
    new(Names.Floor, (_, _) => "/api/floor"),
    new(Names.Lookup, (r, g) => $"/api/lookup?email={Pick(r.Emails, g)}"),
    new(Names.Lookup3, (r, g) => $"/api/lookup?email={Pick(r.Emails, g)}{Unknown(g, 2)}"),
    new(Names.Lookup50, (r, g) => $"/api/lookup?email={Pick(r.Emails, g)}&email={Pick(r.Emails, g)}{Unknown(g, 48)}"),
    new(Names.Pane, (r, g) => $"/api/pane/start?email={Pick(r.Emails, g)}&internetMessageId=%3Cbench-{g.Next()}%40example%3E"),
    new(Names.CompanyName, (r, g) => $"/api/companies?q={Pick(r.SearchTerms, g)}&limit=10"),
    new(Names.CompanyPhone, (r, g) => $"/api/companies?q={Pick(r.CompanyPhonePrefixes, g)}&limit=10"),
    new(Names.ContactName, (r, g) => $"/api/contacts?q={Pick(r.ContactNames, g)}&limit=10"),
    new(Names.ContactEmail, (r, g) => $"/api/contacts?q={Pick(r.EmailPrefixes, g)}&limit=10"),
    new(Names.ContactPhone, (r, g) => $"/api/contacts?q={Pick(r.PhonePrefixes, g)}&limit=10"),
    new("GET /api/me", (_, _) => "/api/me"),
    new("GET /api/stages", (_, _) => "/api/stages"),
    new("GET /api/activities/{id}", (r, g) => $"/api/activities/{r.ActivityIds[g.Next(r.ActivityIds.Length)]}"),
    new("GET /api/activities/by-outlook (not linked: 404)", (_, g) => $"/api/activities/by-outlook?icalUid=bench-{g.Next()}", AlsoExpected: HttpStatusCode.NotFound),
];
var only = options.Only is null ? scenarios : scenarios.Where((s, i) => i <= 1 || s.Name.Contains(options.Only)).ToArray();

// One client alone: what a rep feels with an idle server (the latency targets).
var alone = only.Skip(1).Where(s => Names.Alone.Contains(s.Name)).Select(s => new Measured(s)).ToList();
var concurrent = only.Select(s => new Measured(s)).ToList();
Console.WriteLine("Warming up...");
foreach (var m in concurrent) await LoadRun.RunAsync(http, m.Scenario, reps, options.Clients, TimeSpan.FromSeconds(1), seed: 0);
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var m in alone)
    {
        var (millis, errors, elapsed) = await LoadRun.RunAsync(http, m.Scenario, reps, 1, TimeSpan.FromSeconds(Math.Max(1, options.Seconds / 2)), round);
        m.Add(millis, errors, elapsed);
    }
    foreach (var m in concurrent)
    {
        var (millis, errors, elapsed) = await LoadRun.RunAsync(http, m.Scenario, reps, options.Clients, TimeSpan.FromSeconds(options.Seconds), round);
        m.Add(millis, errors, elapsed);
    }
    Console.WriteLine($"Round {round}/{options.Rounds} (load {Load()}): " + string.Join(", ", concurrent.Skip(1).Take(4).Select(m => $"{m.Scenario.Name} {m.Count / m.Elapsed.TotalSeconds:N0}/s")));
}

Console.WriteLine();
Console.WriteLine("| endpoint (1 client alone) | requests | p50 ms | p99 ms | errors |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var m in alone) Console.WriteLine($"| {m.Scenario.Name} | {m.Count:N0} | {m.P50:F2} | {m.P99:F2} | {m.Errors} |");
var floor = concurrent.First(m => m.Scenario.Name == Names.Floor);
Console.WriteLine();
Console.WriteLine($"| endpoint ({options.Clients} concurrent clients) | requests | req/s | p50 ms | p99 ms | req/s ÷ floor | errors |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var m in concurrent)
    Console.WriteLine($"| {m.Scenario.Name} | {m.Count:N0} | {m.Throughput:N0} | {m.P50:F2} | {m.P99:F2} | {m.Throughput / floor.Throughput:F2} | {m.Errors} |");
Console.WriteLine();
Console.WriteLine($"Load average at the end: {Load()}.");
// Issue 10: the card's first statement by hand or by Mapster's ProjectToType (same rows checked on every run).
var projection = await CardProjection.CompareAsync(server, reps, 1_000);
Console.WriteLine($"Card statement over {projection.Runs:N0} lookups, alternating: hand-written p50 {projection.HandP50:F3} ms, " +
    $"Mapster ProjectToType p50 {projection.MapsterP50:F3} ms ({projection.MapsterP50 / projection.HandP50:F2}×).");

var verdicts = Targets.Check(options, alone, concurrent);
foreach (var v in verdicts) Console.WriteLine(v.Text);
var missed = verdicts.Count(v => !v.Met);
var failed = alone.Sum(m => m.Errors) + concurrent.Sum(m => m.Errors);
Console.WriteLine(failed > 0 ? $"{failed} requests failed." : missed == 0 ? "Every target met." : $"{missed} target(s) missed.");
return failed > 0 || (options.Targets && missed > 0) ? 1 : 0;

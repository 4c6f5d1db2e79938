namespace OutlookCrm.Bench;

public static class Names
{
    public const string Bare = "GET /health/live (bare)", Floor = "GET /api/floor (1 row by key)",
        Lookup = "GET /api/lookup (1 known address)", Lookup3 = "GET /api/lookup (known + 2 unknown)",
        Lookup50 = "GET /api/lookup (50 addresses)", Pane = "GET /api/pane/start (me + stages + card)",
        CompanyName = "GET /api/companies?q= (name substring)", CompanyPhone = "GET /api/companies?q= (phone prefix)",
        ContactName = "GET /api/contacts?q= (name substring)", ContactEmail = "GET /api/contacts?q= (e-mail prefix)",
        ContactPhone = "GET /api/contacts?q= (phone prefix)";

    public static readonly string[] Lookups = [Lookup, Lookup3];
    public static readonly string[] Searches = [CompanyName, CompanyPhone, ContactName, ContactEmail, ContactPhone];
    public static readonly string[] Alone = [Floor, Lookup, Lookup3, Lookup50, Pane, .. Searches];
}

public sealed record Verdict(bool Met, string Text);

// The targets of issue 15, checked on the figures of this run (docs/performance.md, "Hot paths").
public static class Targets
{
    public static List<Verdict> Check(BenchOptions options, List<Measured> alone, List<Measured> concurrent)
    {
        var verdicts = new List<Verdict>();
        Measured? A(string name) => alone.FirstOrDefault(m => m.Scenario.Name == name);
        Measured? C(string name) => concurrent.FirstOrDefault(m => m.Scenario.Name == name);
        void Add(bool met, string what, string measured) => verdicts.Add(new(met, $"{(met ? "met   " : "MISSED")} {what}: {measured}"));

        if (options.Sqlite is not null)
        {
            // The embedded default (one office): lookup and search alone within 10 ms p99.
            foreach (var name in Names.Lookups.Concat(Names.Searches))
                if (A(name) is { } m) Add(m.P99 <= 10, $"{name} alone p99 ≤ 10 ms", $"{m.P99:F2} ms");
            return verdicts;
        }
        var floor = C(Names.Floor)!;
        if (A(Names.Lookup) is { } alone1) Add(alone1.P50 <= 2, $"{Names.Lookup} alone p50 ≤ 2 ms", $"{alone1.P50:F2} ms");
        foreach (var name in Names.Lookups)
            if (C(name) is { } m)
            {
                Add(m.Throughput >= 1000, $"{name} ≥ 1,000/s under {options.Clients} clients", $"{m.Throughput:N0}/s");
                Add(m.Throughput >= 0.5 * floor.Throughput, $"{name} ≥ half the floor's throughput",
                    $"{m.Throughput:N0}/s against {floor.Throughput:N0}/s ({m.Throughput / floor.Throughput:F2})");
            }
        foreach (var name in Names.Searches)
        {
            if (A(name) is { } a) Add(a.P99 <= 20, $"{name} alone p99 ≤ 20 ms", $"{a.P99:F2} ms");
            if (C(name) is { } c) Add(c.Throughput >= 500, $"{name} ≥ 500/s under {options.Clients} clients", $"{c.Throughput:N0}/s");
        }
        return verdicts;
    }
}

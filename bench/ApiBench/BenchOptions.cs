namespace OutlookCrm.Bench;

// Command line: --pg "Host=...;Username=..." (no Database) and --database NAME use an existing server;
// without --pg a throwaway PostgreSQL is started and filled. --generate fills the given database first.
public sealed record BenchOptions(string? Pg, string Database, bool Generate, int Companies, int Clients, int Seconds, int Rounds, string? Only)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => int.TryParse(Arg(name), out var v) && v > 0 ? v : fallback;
        return new BenchOptions(Arg("pg"), Arg("database") ?? "apibench", args.Contains("--generate"), Int("companies", 200_000),
            Int("clients", 16), Int("seconds", 5), Int("rounds", 3), Arg("only"));
    }
}

namespace OutlookCrm.Bench;

// Command line: --pg "Host=...;Username=..." (no Database) and --database NAME use an existing server;
// without --pg a throwaway PostgreSQL is started and filled. --generate fills the given database first.
// --sqlite FILE runs the embedded default instead (generated at --companies, default 20,000, when the file is missing).
// --no-targets prints the figures without failing on missed targets.
public sealed record BenchOptions(string? Pg, string Database, bool Generate, int Companies, int Clients, int Seconds, int Rounds, string? Only,
    string? Sqlite, bool Targets)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => int.TryParse(Arg(name), out var v) && v > 0 ? v : fallback;
        var sqlite = Arg("sqlite");
        return new BenchOptions(Arg("pg"), Arg("database") ?? "apibench", args.Contains("--generate"), Int("companies", sqlite is null ? 200_000 : 20_000),
            Int("clients", 16), Int("seconds", 5), Int("rounds", 3), Arg("only"), sqlite, !args.Contains("--no-targets"));
    }
}

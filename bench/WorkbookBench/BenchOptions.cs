namespace OutlookCrm.WorkbookBench;

public sealed record BenchOptions(string Mode, int Activities, string Database, string Output, bool SkipClosedXml = false)
{
    public const int ActivitiesPerCompany = 25;

    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) { var i = Array.IndexOf(args, "--" + name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var activities = int.TryParse(Arg("activities"), out var n) && n > 0 ? n : 1_000_000;
        var db = Arg("db") ?? Path.Combine(Path.GetTempPath(), $"workbook-bench-{activities}.db");
        var output = Arg("out") ?? Path.Combine(Path.GetTempPath(), "workbook-bench-out");
        return new(args.FirstOrDefault(a => !a.StartsWith("--") && Array.IndexOf(args, a) is 0) ?? "all", activities, db, output,
            args.Contains("--no-closedxml"));
    }

    public string[] ChildArgs(string mode) => [mode, "--activities", Activities.ToString(), "--db", Database, "--out", Output];
}

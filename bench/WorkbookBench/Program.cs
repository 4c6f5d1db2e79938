using System.Diagnostics;
using OutlookCrm.WorkbookBench;

// Workbook export benchmark: the performance workbook over N activities, beside the bare Open XML SDK writer
// writing the same number of cells, each measured in its own process (time and peak memory), in one run.
//   dotnet run -c Release --project bench/WorkbookBench -- [--activities 1000000] [--db /tmp/workbook-bench.db] [--no-closedxml]
// The SQLite file is generated once (api/Demo/DataGenerator) and reused; BENCH_SQL=1 logs every SQL command's time.
var options = BenchOptions.Parse(args);
switch (options.Mode)
{
    case "export": Measure.Report("workbook", await Phases.ExportAsync(options)); return;
    case "bare": Measure.Report("bare", Phases.Bare(options)); return;
    case "helper": Measure.Report("helper", Phases.Helper(options)); return;
}

Console.WriteLine($"Workbook benchmark: {options.Activities:N0} activities, SQLite {options.Database}");
var generate = Stopwatch.StartNew();
var rows = await Phases.EnsureDataAsync(options);
Console.WriteLine($"data: {rows:N0} activities ready in {generate.Elapsed.TotalSeconds:0.0} s");

// Each phase in a fresh process, so one's peak memory (and JIT, caches) does not leak into another's.
var results = new List<Measure.Result>();
foreach (var mode in new[] { "bare", "helper", "export" })
    results.Add(Measure.RunChild(mode, options));
// ClosedXML runs on DocumentFormat.OpenXml 2.x, so in its own program (built beside this one).
var closedXml = typeof(Measure).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
    .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "ClosedXmlPhase").Value!;
if (!options.SkipClosedXml) results.Add(Measure.RunChild("closedxml", options, closedXml));
var bare = results[0];
Console.WriteLine();
Console.WriteLine("| run | what | rows | cells | seconds | peak memory (MB) | file (MB) | time vs bare | CPU seconds (process) |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
    Console.WriteLine($"| {r.Name} | {Measure.Describe(r.Name)} | {r.Rows:N0} | {r.Cells:N0} | {r.Seconds:0.0} | {r.PeakMb:0} | {r.FileMb:0.0} | {r.Seconds / bare.Seconds:0.00}x | {r.CpuSeconds:0.0} |");
var export = results.Single(r => r.Name == "workbook");
Console.WriteLine();
Console.WriteLine($"workbook export of {export.Rows:N0} activities: {export.Seconds:0.0} s, peak {export.PeakMb:0} MB " +
    $"(target <= 300 MB: {(export.PeakMb <= 300 ? "met" : "MISSED")}); {export.Seconds / bare.Seconds:0.00}x the bare writer's time " +
    $"(target <= 1.5x: {(export.Seconds / bare.Seconds <= 1.5 ? "met" : "MISSED")}; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")} at the end)");

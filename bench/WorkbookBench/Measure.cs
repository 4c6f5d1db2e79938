using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OutlookCrm.WorkbookBench;

// Time and peak resident memory of one phase; a child process prints its result as one JSON line.
public static class Measure
{
    // CpuSeconds: the process's CPU time (all threads), steadier than the wall time on a loaded machine.
    public sealed record Result(string Name, long Rows, long Cells, double Seconds, double PeakMb, double FileMb, double CpuSeconds);

    private const string Marker = "RESULT ";

    public static void Report(string name, (long Rows, long Cells, double Seconds, string File) r)
    {
        var result = new Result(name, r.Rows, r.Cells, r.Seconds, PeakMegabytes(), new FileInfo(r.File).Length / 1048576.0,
            Environment.CpuUsage.TotalTime.TotalSeconds);
        File.Delete(r.File);
        Console.WriteLine(Marker + JsonSerializer.Serialize(result));
    }

    // A phase in a fresh process: this program again, or another one (an assembly path, run with dotnet).
    public static Result RunChild(string mode, BenchOptions options, string? assembly = null)
    {
        var self = assembly is null ? Environment.ProcessPath! : "dotnet";
        var args = new List<string>();
        if (assembly is not null) args.Add(assembly);
        else if (Path.GetFileNameWithoutExtension(self) == "dotnet") args.Add(typeof(Measure).Assembly.Location);
        args.AddRange(options.ChildArgs(mode));
        var start = new ProcessStartInfo(self, args) { RedirectStandardOutput = true };
        using var child = Process.Start(start)!;
        Result? result = null;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(Marker)) result = JsonSerializer.Deserialize<Result>(line[Marker.Length..]);
            else Console.WriteLine($"  [{mode}] {line}");
        }
        child.WaitForExit();
        return result ?? throw new InvalidOperationException($"The {mode} phase failed (exit code {child.ExitCode}).");
    }

    public static string Describe(string name) => name switch
    {
        "bare" => "Open XML SDK: SpreadsheetDocument + OpenXmlWriter, same cells",
        "helper" => "api/Spreadsheets XlsxBook, same cells, no database",
        "closedxml" => "ClosedXML 0.95.4 (OpenXml 2.20): XLWorkbook in memory + SaveAs, same cells",
        _ => "GET performance.xlsx code: 7 sheets, figures + activity rows from SQLite",
    };

    // VmHWM: the peak resident set of this process, what the 300 MB target is about.
    public static double PeakMegabytes()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:"))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }
}

using System.Diagnostics;

namespace OutlookCrm.Api.Import;

// `import <file.csv|xlsx> [--dry-run] [--skip-invalid] [--sheet name] [--map column=field ...] [--status value=Status ...] [--encoding name] [--as upn]`: the operator's import,
// same code and rules as the API, acting as the named manager or admin (default: the first admin).
// Prints a progress bar on a terminal (the import logs every 10,000 rows anyway), the summary, and writes <file>.errors.csv.
public static class ImportCommand
{
    public static async Task<int> RunAsync(CrmDbContext db, string[] args, ILogger log, IConfiguration config)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--") && !IsValueOf(args, a));
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"Usage: import <file.csv|file.xlsx> [--dry-run] [--skip-invalid] [--sheet name] [--map Column=Field ...] " +
                "[--status Value=Client ...] [--encoding utf-8|windows-1252] [--as upn]" +
                (path is null ? "" : $"\nNo such file: {path}"));
            return 2;
        }
        try
        {
            var caller = await Operator(db, Option(args, "--as"));
            var request = new ImportRequest(Path.GetFileName(path), args.Contains("--dry-run"), Option(args, "--encoding"),
                ImportHeaders.ParseOverrides(Options(args, "--map")), args.Contains("--skip-invalid"), Option(args, "--sheet"),
                ImportStatuses.With(ImportOptions.From(config).Statuses, Options(args, "--status")));
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var bar = new ProgressBar();
            var summary = await new CsvImport(db, caller, log) { Progress = bar.Show, BulkInserts = ImportOptions.From(config).BulkInserts }.RunAsync(file, request);
            bar.Done();
            Console.WriteLine(summary.Message);
            foreach (var c in summary.Changes.Take(20)) Console.WriteLine($"  line {c.Line}, {c.Record}: {c.Text}");
            if (summary.Changes.Count > 20) Console.WriteLine($"  ... and {summary.Changes.Count - 20 + summary.ChangesNotListed:N0} more values replaced.");
            foreach (var e in summary.Errors.Take(20)) Console.WriteLine($"  line {e.Line}, {e.Column}: {e.Reason}");
            if (summary.Errors.Count > 0)
            {
                var report = path + ".errors.csv";
                await using (var writer = new StreamWriter(report, false, new System.Text.UTF8Encoding(true))) summary.WriteErrorsCsv(writer);
                Console.WriteLine($"All errors: {report}");
            }
            return summary.RejectedRows == 0 || summary.Committed ? 0 : 1;
        }
        catch (CrmProblem p)
        {
            Console.Error.WriteLine($"{p.Title}: {p.Message}");
            return 1;
        }
    }

    private static async Task<Caller> Operator(CrmDbContext db, string? upn)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.IsActive && (upn == null ? u.Role == UserRole.Admin : u.Upn == upn))
            .OrderBy(u => u.Id).FirstOrDefaultAsync()
            ?? throw CrmProblem.Forbidden(upn is null ? "No active admin user to import as: pass --as <manager upn>." : $"No active user '{upn}'.");
        if (user.Role == UserRole.Rep) throw CrmProblem.Forbidden($"{user.Upn} is a rep: imports are for managers and administrators.");
        return new Caller(user.Id, user.DisplayName, user.Role, user.TerritoryId, SeesAll: user.Role == UserRole.Admin || user.TerritoryId is null,
            PublicStatuses: [], IsApplication: false);
    }

    private static bool IsValueOf(string[] args, string a)
    {
        var i = Array.IndexOf(args, a);
        return i > 0 && args[i - 1] is "--map" or "--encoding" or "--as" or "--sheet" or "--status";
    }

    private static string? Option(string[] args, string name) => Options(args, name).LastOrDefault();

    private static IEnumerable<string> Options(string[] args, string name)
    {
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == name) yield return args[i + 1];
    }

    private sealed class ProgressBar
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly bool terminal = !Console.IsErrorRedirected;

        public void Show(int rows, double fraction)
        {
            // Off a terminal the import's own log lines (every 10,000 rows) show the progress.
            if (!terminal) return;
            var filled = (int)(fraction * 30);
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,4:P0} {rows,10:N0} rows {clock.Elapsed:mm\\:ss}");
        }

        public void Done()
        {
            if (terminal) Console.Error.WriteLine();
        }
    }
}

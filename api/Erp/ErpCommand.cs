using OutlookCrm.Api.Products;

namespace OutlookCrm.Api.Erp;

// `OutlookCrm.Api erp-feed <file.csv|file.xlsx> [--dry-run] [--as-of 2026-11-27T05:00:00Z]` for a scheduled job on the server.
// Exit code 0 when applied (or a clean dry run), 1 when lines are refused (nothing applied), 2 on bad arguments.
public static class ErpCommand
{
    public static async Task<int> RunAsync(CrmDbContext db, string[] args, ILogger log)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--"));
        var asOfAt = Array.IndexOf(args, "--as-of");
        DateTime? asOf = null;
        if (asOfAt >= 0)
        {
            if (asOfAt + 1 >= args.Length || !DateTime.TryParse(args[asOfAt + 1], System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                Console.Error.WriteLine("--as-of needs a date and time, e.g. 2026-11-27T05:00:00Z.");
                return 2;
            }
            asOf = parsed;
            args = args.Where((_, i) => i != asOfAt + 1).ToArray();
        }
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine("Usage: erp-feed <file.csv|file.xlsx> [--dry-run] [--as-of 2026-11-27T05:00:00Z]");
            return 2;
        }
        var errors = new List<ErpError>();
        List<ErpLine> lines;
        try
        {
            await using var file = File.OpenRead(path);
            lines = ErpFeedFile.FromTable(TableFile.Read(file), errors);
        }
        catch (CrmProblem e)
        {
            Console.Error.WriteLine($"{path}: {e.Message}");
            return 1;
        }
        var summary = await ErpFeed.ApplyAsync(db, lines, errors, asOf ?? DateTime.UtcNow, args.Contains("--dry-run"));
        foreach (var e in summary.Errors.Take(200)) Console.Error.WriteLine($"line {e.Line}, {e.Column}: {e.Reason}");
        log.LogInformation("{File}: {Message}", path, summary.Message);
        return summary.Errors.Count == 0 ? 0 : 1;
    }
}

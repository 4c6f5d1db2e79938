using System.Diagnostics;

namespace OutlookCrm.Api.Tests.Reports;

// Opens a workbook the way a user's spreadsheet program would: LibreOffice headless converts one sheet to
// CSV with the cells as displayed (formats applied), so a test reads "12.5%" and "2026-01-05", not raw numbers.
public static class LibreOffice
{
    private static readonly SemaphoreSlim One = new(1, 1); // soffice profiles do not like concurrent runs

    // Every sheet of the workbook, by sheet name, in one LibreOffice run.
    public static async Task<Dictionary<string, List<string[]>>> SheetsAsCsv(string xlsx)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/local/bin/soffice" }.FirstOrDefault(File.Exists)
            ?? throw new AssertInconclusiveException("LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui).");
        var dir = Directory.CreateTempSubdirectory("lo-").FullName;
        await One.WaitAsync();
        try
        {
            // 44=comma, 34=quote, 76=UTF-8, 1=from line 1, then "as shown" true, and -1: every sheet to its own file.
            const string filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
            var start = new ProcessStartInfo(soffice, ["--headless", "--norestore", $"-env:UserInstallation=file://{dir}/profile",
                "--convert-to", filter, "--outdir", dir, xlsx]) { RedirectStandardOutput = true, RedirectStandardError = true };
            // Displayed numbers follow the locale: the C locale gives en-US formats (1,234.50) on every machine.
            start.Environment["LC_ALL"] = "C.UTF-8";
            start.Environment["LANG"] = "C.UTF-8";
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90))) { process.Kill(true); Assert.Fail("LibreOffice did not finish in 90 s."); }
            var prefix = Path.GetFileNameWithoutExtension(xlsx) + "-";
            var files = Directory.GetFiles(dir, "*.csv");
            if (files.Length == 0) throw new AssertFailedException($"LibreOffice produced no CSV: {await errors}");
            var sheets = new Dictionary<string, List<string[]>>();
            foreach (var f in files)
                sheets[Path.GetFileNameWithoutExtension(f)[prefix.Length..]] = Parse(await File.ReadAllTextAsync(f));
            return sheets;
        }
        finally
        {
            One.Release();
            Directory.Delete(dir, true);
        }
    }

    // The workbook printed to PDF with its own print set-up (orientation, scaling, repeated rows, header and footer).
    // A private profile per run, so parallel runs (other test projects, other machines' jobs) never share one.
    public static async Task<string> ToPdfAsync(string xlsx, string dir)
    {
        await One.WaitAsync();
        try
        {
            await Tools.RunAsync("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{dir}/profile",
                "--convert-to", "pdf", "--outdir", dir, xlsx], new() { ["LC_ALL"] = "C.UTF-8", ["LANG"] = "C.UTF-8" });
        }
        finally
        {
            One.Release();
        }
        var pdf = Path.Combine(dir, Path.GetFileNameWithoutExtension(xlsx) + ".pdf");
        Assert.IsTrue(File.Exists(pdf), "LibreOffice wrote no PDF");
        return pdf;
    }

    private static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}

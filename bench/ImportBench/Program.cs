using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Import;

// CSV import benchmark: writes an N-row file (companies with a contact each, a note every tenth row), imports it,
// then imports it again (must change nothing), measuring time and memory in the same run. Bounded memory shows
// as a managed heap that grows by a few bytes per line (the ids already counted), far below the file's size.
//   dotnet run -c Release --project bench/ImportBench -- [--rows 100000] [--db /tmp/import-bench.db]
//   PostgreSQL: --provider PostgreSql --connection "Host=...;Database=...;Username=...;Password=..."
var rows = Arg("--rows", "100000") is var r && int.TryParse(r, out var n) && n > 0 ? n : 100_000;
var provider = Arg("--provider", "Sqlite");
var connection = Arg("--connection", $"Data Source={Arg("--db", Path.Combine(Path.GetTempPath(), "import-bench.db"))}");
if (provider == "Sqlite") foreach (var f in Directory.GetFiles(Path.GetTempPath(), "import-bench.db*")) File.Delete(f);

var file = Path.Combine(Path.GetTempPath(), $"import-bench-{rows}.csv");
await using (var w = new StreamWriter(file, false, new System.Text.UTF8Encoding(true)))
{
    await w.WriteLineAsync("Code client;Raison sociale;Code postal;Ville;Statut;Prénom;Nom;Courriel;Téléphone;Commentaires");
    for (var i = 0; i < rows; i++)
        await w.WriteLineAsync($"B-{i};Société {i} SARL;{10000 + i % 80000};Ville {i % 500};Client;Prénom{i};Nom{i};contact{i}@bench.example;" +
            $"01 {i % 100:00} {i / 100 % 100:00} {i / 10000 % 100:00} 00;{(i % 10 == 0 ? $"\"Note {i}; suivie\nsur deux lignes\"" : "")}");
}
Console.WriteLine($"Import benchmark: {rows:N0} rows, {new FileInfo(file).Length / 1048576.0:0.0} MB, {provider}");

var options = new DatabaseOptions { Provider = provider, ConnectionString = connection };
await using (var setup = DatabaseSetup.Create(options))
{
    await setup.MigrateAsync(NullLogger.Instance);
    if (!await setup.Users.AnyAsync(u => u.Role == UserRole.Admin))
    {
        setup.Users.Add(new User { DisplayName = "Bench admin", Upn = "bench-admin@bench.example", EntraObjectId = "bench-admin", Role = UserRole.Admin });
        await setup.SaveChangesAsync();
    }
}

var first = await Run("import");
var second = await Run("re-import");
Console.WriteLine();
Console.WriteLine("| run | rows | seconds | rows/s | created | unchanged | managed heap at 10 % (MB) | at 100 % (MB) | peak working set (MB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var x in new[] { first, second })
    Console.WriteLine($"| {x.Name} | {x.Summary.Rows:N0} | {x.Seconds:0.0} | {x.Summary.Rows / x.Seconds:N0} | {x.Summary.Companies.Created + x.Summary.Contacts.Created:N0} | " +
        $"{x.Summary.Companies.Unchanged + x.Summary.Contacts.Unchanged:N0} | {x.HeapAt10:0} | {x.HeapAtEnd:0} | {x.PeakMb:0} |");
Console.WriteLine();
// The file is never held: what grows is the set of record ids already counted (two longs per line).
var perRow = (first.HeapAtEnd - first.HeapAt10) * 1048576 / (rows * 0.9);
Console.WriteLine($"memory: heap grew {perRow:0} bytes per line after the first 10 % (the file is {new FileInfo(file).Length / (double)rows:0} bytes per line, never held); " +
    $"peak working set {first.PeakMb:0} MB; " +
    $"re-import changed {second.Summary.Companies.Created + second.Summary.Companies.Updated + second.Summary.Contacts.Created + second.Summary.Contacts.Updated} records " +
    $"and took {second.Seconds / first.Seconds:0.00}x the first import's time");
File.Delete(file);

async Task<(string Name, ImportSummary Summary, double Seconds, double HeapAt10, double HeapAtEnd, double PeakMb)> Run(string name)
{
    await using var db = DatabaseSetup.Create(options);
    var admin = await db.Users.AsNoTracking().FirstAsync(u => u.Role == UserRole.Admin);
    var caller = new Caller(admin.Id, admin.DisplayName, admin.Role, null, true, [], false);
    double heapAt10 = 0;
    var clock = Stopwatch.StartNew();
    var import = new CsvImport(db, caller, NullLogger.Instance)
    {
        Progress = (done, fraction) =>
        {
            if (heapAt10 == 0 && done >= rows / 10) heapAt10 = Mb(GC.GetTotalMemory(true));
            if (done % 10_000 == 0) Console.WriteLine($"  {name}: {done:N0} rows ({fraction:P0}) in {clock.Elapsed.TotalSeconds:0} s");
        },
    };
    await using var stream = File.OpenRead(file);
    var summary = await import.RunAsync(stream, new ImportRequest(Path.GetFileName(file), DryRun: false));
    var seconds = clock.Elapsed.TotalSeconds;
    var heapAtEnd = Mb(GC.GetTotalMemory(true));
    Console.WriteLine($"{name}: {summary.Message} {seconds:0.0} s");
    return (name, summary, seconds, heapAt10, heapAtEnd, Mb(Process.GetCurrentProcess().PeakWorkingSet64));
}

static double Mb(long bytes) => bytes / 1048576.0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Import;

// CSV import benchmark: writes an N-row file (companies with a contact each, a note every tenth row), imports it,
// then imports it again (must change nothing), measuring time and memory in the same run; after the imports it times
// the duplicates list over 20,000 more contacts in one company and postal code (the worst block). The database is dropped
// and migrated first. Bounded memory shows as a managed heap that grows by a few bytes per line (the ids counted).
//   dotnet run -c Release --project bench/ImportBench -- [--rows 100000] [--db /tmp/import-bench.db]
//   PostgreSQL: --provider PostgreSql --connection "Host=...;Database=...;Username=...;Password=..."
// It prints one line per target of issue 12 (met/missed) and exits 1 when one is missed, unless --no-targets;
// --ef writes new records through EF Core instead of the bulk copy (the path before, for paired comparisons).
// --reimport-only re-imports the file into the database a previous run left (same --rows), without dropping it, and
// prints that run alone (repeated measurements of the re-import).
var rows = Arg("--rows", "100000") is var r && int.TryParse(r, out var n) && n > 0 ? n : 100_000;
var provider = Arg("--provider", "Sqlite");
var connection = Arg("--connection", $"Data Source={Arg("--db", Path.Combine(Path.GetTempPath(), "import-bench.db"))}");
var (checkTargets, bulk) = (!args.Contains("--no-targets"), !args.Contains("--ef"));
var reimportOnly = args.Contains("--reimport-only");
Console.WriteLine($"load average at start: {Load()}");

var file = Path.Combine(Path.GetTempPath(), $"import-bench-{rows}.csv");
await using (var w = new StreamWriter(file, false, new System.Text.UTF8Encoding(true)))
{
    await w.WriteLineAsync("Code client;Raison sociale;Code postal;Ville;Statut;Prénom;Nom;Courriel;Téléphone;Commentaires");
    for (var i = 0; i < rows; i++)
        await w.WriteLineAsync($"B-{i};Société {i} SARL;{10000 + i % 80000};Ville {i % 500};Client;Prénom{i};Nom{i};contact{i}@bench.example;" +
            $"01 {i % 100:00} {i / 100 % 100:00} {i / 10000 % 100:00} 00;{(i % 10 == 0 ? $"\"Note {i}; suivie\nsur deux lignes\"" : "")}");
}
Console.WriteLine($"Import benchmark: {rows:N0} rows, {new FileInfo(file).Length / 1048576.0:0.0} MB, {provider}, new records by {(bulk ? "bulk copy" : "EF Core")}");

var options = new DatabaseOptions { Provider = provider, ConnectionString = connection };
if (reimportOnly)
{
    var again = await Run("re-import");
    Console.WriteLine($"{provider} re-import: {again.Summary.Rows:N0} rows in {again.Seconds:0.0} s, {again.Summary.Rows / again.Seconds:N0} rows/s, " +
        $"CPU {again.Cpu:0.0} s ({again.Summary.Rows / again.Cpu:N0} rows per CPU s), peak working set {again.PeakMb:0} MB, load average at end {Load()}");
    File.Delete(file);
    return 0;
}
await using (var setup = DatabaseSetup.Create(options))
{
    await setup.Database.EnsureDeletedAsync();
    await setup.MigrateAsync(NullLogger.Instance);
    if (!await setup.Users.AnyAsync(u => u.Role == UserRole.Admin))
    {
        setup.Users.Add(new User { DisplayName = "Bench admin", Upn = "bench-admin@bench.example", EntraObjectId = "bench-admin", Role = UserRole.Admin });
        await setup.SaveChangesAsync();
    }
}

var first = await Run("import");
var second = await Run("re-import");
var duplicates = await Duplicates();
Console.WriteLine();
// CPU seconds of this process (the SQLite engine runs in it, PostgreSQL does not): on a shared machine rows per CPU
// second move far less with the load than rows per second.
Console.WriteLine("| run | rows | seconds | rows/s | CPU s | rows/CPU s | created | unchanged | managed heap at 10 % (MB) | at 100 % (MB) | peak working set (MB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var x in new[] { first, second })
    Console.WriteLine($"| {provider} {x.Name} | {x.Summary.Rows:N0} | {x.Seconds:0.0} | {x.Summary.Rows / x.Seconds:N0} | {x.Cpu:0.0} | {x.Summary.Rows / x.Cpu:N0} | " +
        $"{x.Summary.Companies.Created + x.Summary.Contacts.Created:N0} | {x.Summary.Companies.Unchanged + x.Summary.Contacts.Unchanged:N0} | {x.HeapAt10:0} | {x.HeapAtEnd:0} | {x.PeakMb:0} |");
Console.WriteLine();
// The file is never held: what grows is the set of record ids already counted (two longs per line).
var perRow = (first.HeapAtEnd - first.HeapAt10) * 1048576 / (rows * 0.9);
Console.WriteLine($"memory: heap grew {perRow:0} bytes per line after the first 10 % (the file is {new FileInfo(file).Length / (double)rows:0} bytes per line, never held); " +
    $"peak working set {first.PeakMb:0} MB; " +
    $"re-import changed {second.Summary.Companies.Created + second.Summary.Companies.Updated + second.Summary.Contacts.Created + second.Summary.Contacts.Updated} records " +
    $"and took {second.Seconds / first.Seconds:0.00}x the first import's time");
Console.WriteLine($"duplicates: 20,000 contacts in one company and postal code, first page of 500 pairs in {duplicates.Seconds:0.00} s ({duplicates.Pairs} pairs on it)");
Console.WriteLine($"load average at end: {Load()}");
File.Delete(file);

// The targets of issue 12 (docs/performance.md): speed at 100,000 rows, memory, a re-import that changes nothing.
var changedAgain = second.Summary.Companies.Created + second.Summary.Companies.Updated + second.Summary.Contacts.Created + second.Summary.Contacts.Updated;
var targets = new (string Name, bool Met, string Measured)[]
{
    ($"first import of {rows:N0} rows >= 5,000 rows/s", first.Summary.Rows / first.Seconds >= 5_000,
        $"{first.Summary.Rows / first.Seconds:N0} rows/s ({first.Summary.Rows / first.Cpu:N0} rows per CPU s)"),
    ($"re-import of {rows:N0} rows >= 10,000 rows/s", second.Summary.Rows / second.Seconds >= 10_000,
        $"{second.Summary.Rows / second.Seconds:N0} rows/s ({second.Summary.Rows / second.Cpu:N0} rows per CPU s)"),
    ("peak working set <= 300 MB", Math.Max(first.PeakMb, second.PeakMb) <= 300, $"{Math.Max(first.PeakMb, second.PeakMb):0} MB"),
    ("first import committed every row", first.Summary.Committed && first.Summary.RejectedRows == 0
        && first.Summary.Companies.Created == rows && first.Summary.Contacts.Created == rows, $"{first.Summary.Message}"),
    ("re-import changes nothing", second.Summary.Committed && changedAgain == 0, $"{changedAgain} records created or updated"),
    ("duplicates: first page of 20,000 contacts <= 2 s", duplicates.Seconds <= 2, $"{duplicates.Seconds:0.00} s"),
};
if (rows < 100_000) Console.WriteLine($"(the speed targets are set for 100,000 rows; this run has {rows:N0})");
foreach (var t in targets) Console.WriteLine($"target {(t.Met ? "met   " : "MISSED")}: {t.Name}: {t.Measured}");
var missed = targets.Count(t => !t.Met);
if (missed > 0 && checkTargets)
{
    Console.WriteLine($"{missed} target(s) missed (--no-targets prints them without failing).");
    return 1;
}
return 0;

// The same worst block as DuplicateTests: 10,000 people entered twice (same e-mail), one company, one postal code.
async Task<(double Seconds, int Pairs)> Duplicates()
{
    await using var db = DatabaseSetup.Create(options);
    var admin = await db.Users.AsNoTracking().FirstAsync(u => u.Role == UserRole.Admin);
    var company = new Company { Name = "Grand Compte Doublons", PostalCode = "75008", AccountManagerId = admin.Id, CreatedAt = DateTime.UtcNow, Version = 1 };
    db.Companies.Add(company);
    await db.SaveChangesAsync();
    var names = new[] { "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent" };
    for (var i = 0; i < 20_000; i++)
        db.Contacts.Add(new Contact { CompanyId = company.Id, LastName = $"{names[i % 10]}{i / 2}", FirstName = "Bulk", Email = $"bulk{i / 2}@doublons.example",
            CreatedAt = DateTime.UtcNow, Version = 1 });
    await db.SaveChangesAsync();
    db.ChangeTracker.Clear();
    var caller = new Caller(admin.Id, admin.DisplayName, admin.Role, null, true, [], false);
    await OutlookCrm.Api.Quality.Duplicates.Contacts(db, caller, 1, null); // compiles the query and loads the phone metadata
    var clock = Stopwatch.StartNew();
    var page = await OutlookCrm.Api.Quality.Duplicates.Contacts(db, caller, 500, null);
    return (clock.Elapsed.TotalSeconds, page.Value!.Items.Count);
}

async Task<(string Name, ImportSummary Summary, double Seconds, double Cpu, double HeapAt10, double HeapAtEnd, double PeakMb)> Run(string name)
{
    await using var db = DatabaseSetup.Create(options);
    var admin = await db.Users.AsNoTracking().FirstAsync(u => u.Role == UserRole.Admin);
    var caller = new Caller(admin.Id, admin.DisplayName, admin.Role, null, true, [], false);
    double heapAt10 = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var import = new CsvImport(db, caller, NullLogger.Instance)
    {
        BulkInserts = bulk,
        Progress = (done, fraction) =>
        {
            if (heapAt10 == 0 && done >= rows / 10) heapAt10 = Mb(GC.GetTotalMemory(true));
            if (done % 10_000 == 0) Console.WriteLine($"  {name}: {done:N0} rows ({fraction:P0}) in {clock.Elapsed.TotalSeconds:0} s");
        },
    };
    await using var stream = File.OpenRead(file);
    var summary = await import.RunAsync(stream, new ImportRequest(Path.GetFileName(file), DryRun: false));
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var heapAtEnd = Mb(GC.GetTotalMemory(true));
    var (wall, busy) = (import.Phases, import.PhasesCpu);
    Console.WriteLine($"{name}: {summary.Message} {seconds:0.0} s (wall/CPU s: reading {wall.Read.TotalSeconds:0.0}/{busy.Read.TotalSeconds:0.0}, " +
        $"lines {wall.Apply.TotalSeconds:0.0}/{busy.Apply.TotalSeconds:0.0}, writing {wall.Write.TotalSeconds:0.0}/{busy.Write.TotalSeconds:0.0})");
    return (name, summary, seconds, cpuSeconds, heapAt10, heapAtEnd, Mb(Process.GetCurrentProcess().PeakWorkingSet64));
}

static double Mb(long bytes) => bytes / 1048576.0;

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

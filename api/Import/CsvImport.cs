using System.Diagnostics;
using F = OutlookCrm.Api.Import.ImportField;

namespace OutlookCrm.Api.Import;

// What to import and how. SkipInvalid imports the valid lines and reports the others (all-or-nothing otherwise);
// Statuses is the status table (ImportStatuses) with the settings' and the caller's additions.
public sealed record ImportRequest(string FileName, bool DryRun, string? Encoding = null, IReadOnlyDictionary<string, ImportField>? Overrides = null,
    bool SkipInvalid = false, string? Sheet = null, IReadOnlyDictionary<string, CompanyStatus>? Statuses = null);

// Imports one file (CSV or xlsx) of companies, their contacts and notes in one transaction: committed whole when every
// row is accepted (or, with SkipInvalid, with the refused rows left out), rolled back otherwise and always on a dry run,
// so the dry run runs the very same code and rules. The file is streamed in batches of a thousand lines: each batch
// reads the records its lines name in a few queries (ImportBatch), every line is checked and applied in memory (a
// refused line changes nothing), and the batch is written at once: its new records by bulk copy and its changes with one
// SaveChanges (ImportInserts); memory stays flat whatever the size.
public sealed partial class CsvImport(CrmDbContext db, Caller caller, ILogger log)
{
    public const int MaxListedErrors = 10_000, MaxListedChanges = 10_000, BatchSize = 1000;

    private readonly List<ImportError> errors = [];
    private readonly List<ImportChange> changes = [], rowChanges = [];
    private readonly RecordSet<Company> companiesSeen = new(c => c.Id), companiesCreated = new(c => c.Id), companiesUpdated = new(c => c.Id);
    private readonly RecordSet<Contact> contactsSeen = new(k => k.Id), contactsCreated = new(k => k.Id), contactsUpdated = new(k => k.Id);
    private readonly List<Action> rowTallies = [];
    // The first line of the file that described each record: a later line changing it is a conflict.
    private readonly RecordSet<Company> companyLines = new(c => c.Id);
    private readonly RecordSet<Contact> contactLines = new(k => k.Id);
    private (Company Record, int Line)? rowCompanyLine;
    private (Contact Record, int Line)? rowContactLine;
    private int errorsNotListed, changesNotListed, rejectedRows, notesCreated, rowNotes;
    private Dictionary<string, int> users = [];
    private Dictionary<int, string> userNames = [];
    private Dictionary<int, int?> userTerritories = [];
    private HashSet<int> territories = [];
    private ImportBatch known = new();
    private ImportInserts inserts = null!;
    private IReadOnlyDictionary<string, CompanyStatus> statuses = ImportStatuses.Default;

    // Called every thousand rows with the rows read and the fraction of the file consumed.
    public Action<int, double>? Progress { get; init; }

    // New records by bulk copy where the provider has a bulk writer (SQLite, PostgreSQL); false keeps EF Core's inserts
    // for every provider (the tests compare both).
    public bool BulkInserts { get; init; } = true;

    // Where the time went: reading each batch's records, checking and applying the lines, writing (the benchmark prints
    // it, with the process's CPU time in each phase).
    public (TimeSpan Read, TimeSpan Apply, TimeSpan Write) Phases => (readTime.Elapsed, applyTime.Elapsed, writeTime.Elapsed);
    public (TimeSpan Read, TimeSpan Apply, TimeSpan Write) PhasesCpu => (readTime.Cpu, applyTime.Cpu, writeTime.Cpu);
    private readonly PhaseClock readTime = new(), applyTime = new(), writeTime = new();

    public async Task<ImportSummary> RunAsync(Stream file, ImportRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        statuses = request.Statuses ?? ImportStatuses.Default;
        using var source = ImportSources.Open(file, request.Encoding, request.Sheet);
        var headers = source.Headers;
        var fields = ImportHeaders.Map(headers, request.Overrides ?? new Dictionary<string, ImportField>());
        var phones = ImportHeaders.LabelledPhones(headers);
        var headerOf = fields.Select((f, i) => (f, h: headers[i])).Where(x => x.f != ImportField.Ignore)
            .GroupBy(x => x.f).ToDictionary(g => g.Key, g => g.First().h);
        log.LogInformation("Import {File}: {Encoding}, separator '{Separator}', columns {Columns}", request.FileName, source.Encoding,
            source.Separator, string.Join(", ", headers.Select((h, i) => $"{h}→{fields[i]}")));

        var rows = 0;
        var (committed, stopped) = (false, false);
        users = await LoadUsers(ct);
        territories = [.. await db.Territories.Select(t => t.Id).ToListAsync(ct)];
        inserts = new ImportInserts(db, BulkInserts && Demo.BulkWriter.Supports(db));
        var batch = new List<ImportRow>(BatchSize);
        // SQLite: a page cache wide enough for the batch's index pages while the import runs (given back after).
        await db.Database.OpenConnectionAsync(ct);
        var cache = await ImportInserts.WidenSqliteCacheAsync(db, ct);
        try
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                try
                {
                    foreach (var record in source.Records())
                    {
                        ct.ThrowIfCancellationRequested();
                        rows++;
                        batch.Add(new ImportRow(record, fields, headerOf, phones));
                        if (batch.Count < BatchSize) continue;
                        if (!await RunBatch(batch, ct)) { stopped = true; break; }
                        Progress?.Invoke(rows, source.Fraction);
                        if (rows % 10_000 == 0)
                            log.LogInformation("Import {File}: {Rows:N0} rows ({Fraction:P0}), {Rejected:N0} rejected, {Elapsed:g}", request.FileName, rows,
                                source.Fraction, rejectedRows, clock.Elapsed);
                    }
                    if (!stopped && batch.Count > 0) stopped = !await RunBatch(batch, ct);
                }
                catch (ImportFormatException e)
                {
                    throw new CrmProblem(StatusCodes.Status400BadRequest, "Malformed CSV", $"{e.Message} Nothing was imported.");
                }
                catch (System.Text.DecoderFallbackException)
                {
                    throw CsvEncoding.Refused($"The file is not valid {source.Encoding} after line {rows + 1}. Nothing was imported.");
                }
                if (rows % 1000 != 0) Progress?.Invoke(rows, 1);
                if (rows == 0) throw CsvEncoding.Refused("The file has a header line but no data rows.");
                committed = !request.DryRun && !stopped && (rejectedRows == 0 || request.SkipInvalid);
                if (committed) await tx.CommitAsync(ct);
                else await tx.RollbackAsync(ct);
            }
        }
        finally
        {
            await ImportInserts.RestoreSqliteCacheAsync(db, cache);
            await db.Database.CloseConnectionAsync();
        }
        db.ChangeTracker.Clear();

        var summary = new ImportSummary(request.FileName, request.DryRun, committed, source.Encoding, source.Separator,
            rows, rejectedRows,
            new ImportCounts(companiesCreated.Count, companiesUpdated.Count, companiesSeen.Count - companiesCreated.Count - companiesUpdated.Count),
            new ImportCounts(contactsCreated.Count, contactsUpdated.Count, contactsSeen.Count - contactsCreated.Count - contactsUpdated.Count),
            notesCreated, headers.Select((h, i) => new ImportColumn(h, fields[i].ToString())).ToList(), errors, errorsNotListed,
            Math.Round(clock.Elapsed.TotalSeconds, 2))
        {
            SkipInvalid = request.SkipInvalid, Changes = changes, ChangesNotListed = changesNotListed,
        };
        log.LogInformation("Import {File}: {Message} ({Seconds}s: reading {Read:0.0}s, lines {Apply:0.0}s, writing {Write:0.0}s, new records by {Path})",
            request.FileName, summary.Message, summary.Seconds, readTime.Elapsed.TotalSeconds, applyTime.Elapsed.TotalSeconds, writeTime.Elapsed.TotalSeconds,
            inserts.Bulk ? "bulk copy" : "EF Core");
        return summary;
    }

    // One batch: its records read, each line checked and applied in memory, then one save. False when the database
    // refused the save: the transaction cannot go on, the import stops there.
    private async Task<bool> RunBatch(List<ImportRow> batch, CancellationToken ct)
    {
        readTime.Start();
        foreach (var row in batch) FileUnderOwnName(row);
        known = await ImportBatch.LoadAsync(db, batch, tracked: !inserts.Bulk, ct);
        readTime.Stop();
        applyTime.Start();
        // Nothing reads the tracker while lines are applied: changes are detected once, by the save.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var row in batch)
            {
                (rowCompanyLine, rowContactLine, rowNotes) = (null, null, 0);
                rowTallies.Clear();
                rowChanges.Clear();
                await TryImport(row);
                if (row.Errors.Count > 0) Reject(row);
                else Keep();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            applyTime.Stop();
        }
        try
        {
            writeTime.Start();
            // Changes to records the CRM had go in the history like any other edit, in the importing manager's name.
            Audit.AuditTrail.RecordChanges(db, caller);
            await inserts.SaveAsync(ct);
        }
        catch (Exception e) when (BulkRefusal.Is(e))
        {
            log.LogWarning(e, "Import stopped at lines {First}-{Last}", batch[0].Line, batch[^1].Line);
            var row = batch[0];
            row.Errors.Add(new ImportError(row.Line, "",
                $"The database refused one of lines {batch[0].Line} to {batch[^1].Line}; the import stopped here and nothing was saved."));
            Reject(row);
            return false;
        }
        finally
        {
            writeTime.Stop();
        }
        foreach (var set in new[] { companiesSeen, companiesCreated, companiesUpdated, companyLines }) set.Saved();
        foreach (var set in new[] { contactsSeen, contactsCreated, contactsUpdated, contactLines }) set.Saved();
        db.ChangeTracker.Clear();
        inserts.Clear();
        batch.Clear();
        return true;
    }

    // A person without a company (an address book) is filed under a company of their own name, as a private customer.
    private static void FileUnderOwnName(ImportRow row)
    {
        if (!row.HasCompany && row.HasContact && row[F.LastName] is not null)
            row[F.CompanyName] = string.Join(' ', new[] { row[F.FirstName], row[F.LastName] }.OfType<string>());
    }

    private void Reject(ImportRow row)
    {
        rejectedRows++;
        foreach (var e in row.Errors)
        {
            if (errors.Count < MaxListedErrors) errors.Add(e);
            else errorsNotListed++;
        }
        // What the row counted is not counted (a refused line changes nothing: every check runs before the first change).
        foreach (var undo in rowTallies) undo();
    }

    private void Keep()
    {
        notesCreated += rowNotes;
        foreach (var c in rowChanges)
        {
            if (changes.Count < MaxListedChanges) changes.Add(c);
            else changesNotListed++;
        }
        if (rowCompanyLine is { } company) companyLines.TryAdd(company.Record, company.Line);
        if (rowContactLine is { } contact) contactLines.TryAdd(contact.Record, contact.Line);
    }

    private void Tally<T>(RecordSet<T> set, T record) where T : class
    {
        if (set.TryAdd(record)) rowTallies.Add(() => set.Remove(record));
    }

    private async Task TryImport(ImportRow row)
    {
        if (row.TooManyFields)
        {
            row.Errors.Add(new ImportError(row.Line, "", "The line has more values than the header has columns: a separator inside a value needs quotes."));
            return;
        }
        try
        {
            await ImportCompanyAndContact(row);
        }
        catch (CrmProblem p)
        {
            var field = p.Extensions.TryGetValue("errors", out var e) && e is Dictionary<string, string[]> d ? d.Keys.FirstOrDefault() : null;
            row.Errors.Add(new ImportError(row.Line, field ?? "", p.Message));
        }
    }
}

// Wall and process CPU time of one phase of the import, summed over the batches.
internal sealed class PhaseClock
{
    private readonly Stopwatch wall = new();
    private TimeSpan cpuStart;

    public TimeSpan Elapsed => wall.Elapsed;
    public TimeSpan Cpu { get; private set; }

    public void Start()
    {
        wall.Start();
        cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public void Stop()
    {
        wall.Stop();
        Cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
    }
}

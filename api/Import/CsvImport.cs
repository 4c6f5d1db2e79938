using System.Diagnostics;

namespace OutlookCrm.Api.Import;

// What to import and how. SkipInvalid imports the valid lines and reports the others (all-or-nothing otherwise);
// Statuses is the status table (ImportStatuses) with the settings' and the caller's additions.
public sealed record ImportRequest(string FileName, bool DryRun, string? Encoding = null, IReadOnlyDictionary<string, ImportField>? Overrides = null,
    bool SkipInvalid = false, string? Sheet = null, IReadOnlyDictionary<string, CompanyStatus>? Statuses = null);

// Imports one file (CSV or xlsx) of companies, their contacts and notes in one transaction: committed whole when every
// row is accepted (or, with SkipInvalid, with the refused rows left out through a savepoint per row), rolled back
// otherwise and always on a dry run, so the dry run runs the very same code and rules. The file is streamed and the
// change tracker emptied after each row: memory stays flat whatever the number of rows.
public sealed partial class CsvImport(CrmDbContext db, Caller caller, ILogger log)
{
    public const int MaxListedErrors = 10_000, MaxListedChanges = 10_000;

    private readonly List<ImportError> errors = [];
    private readonly List<ImportChange> changes = [], rowChanges = [];
    private readonly HashSet<long> companiesSeen = [], contactsSeen = [], companiesCreated = [], companiesUpdated = [], contactsCreated = [], contactsUpdated = [];
    private readonly List<(HashSet<long> Set, long Id)> rowTallies = [];
    // The first line of the file that described each record: a later line changing it is a conflict.
    private readonly Dictionary<long, int> companyLines = [], contactLines = [];
    private (long Id, int Line)? rowCompanyLine, rowContactLine;
    private int errorsNotListed, changesNotListed, rejectedRows, notesCreated, rowNotes;
    private Dictionary<string, int>? users;
    private Dictionary<int, string> userNames = [];
    private IReadOnlyDictionary<string, CompanyStatus> statuses = ImportStatuses.Default;

    // Called every thousand rows with the rows read and the fraction of the file consumed.
    public Action<int, double>? Progress { get; init; }

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
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                foreach (var record in source.Records())
                {
                    ct.ThrowIfCancellationRequested();
                    rows++;
                    var row = new ImportRow(record, fields, headerOf, phones);
                    (rowCompanyLine, rowContactLine, rowNotes) = (null, null, 0);
                    rowTallies.Clear();
                    rowChanges.Clear();
                    if (request.SkipInvalid) await tx.CreateSavepointAsync("row", ct);
                    if (!await TryImport(row)) { stopped = true; break; }
                    if (row.Errors.Count > 0)
                    {
                        Reject(row);
                        if (request.SkipInvalid) await tx.RollbackToSavepointAsync("row", ct);
                    }
                    else Keep();
                    // Every row is saved as it goes: tracking nothing keeps each save and memory small.
                    db.ChangeTracker.Clear();
                    if (rows % 1000 == 0) Progress?.Invoke(rows, source.Fraction);
                    if (rows % 10_000 == 0)
                        log.LogInformation("Import {File}: {Rows:N0} rows ({Fraction:P0}), {Rejected:N0} rejected, {Elapsed:g}", request.FileName, rows,
                            source.Fraction, rejectedRows, clock.Elapsed);
                }
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
        log.LogInformation("Import {File}: {Message} ({Seconds}s)", request.FileName, summary.Message, summary.Seconds);
        return summary;
    }

    private void Reject(ImportRow row)
    {
        rejectedRows++;
        foreach (var e in row.Errors)
        {
            if (errors.Count < MaxListedErrors) errors.Add(e);
            else errorsNotListed++;
        }
        // What the row counted is not counted: it is rolled back (to its savepoint, or with the whole file).
        foreach (var (set, id) in rowTallies) set.Remove(id);
        // Whatever the row half-changed stays out of later saves.
        db.ChangeTracker.Clear();
    }

    private void Keep()
    {
        notesCreated += rowNotes;
        foreach (var c in rowChanges)
        {
            if (changes.Count < MaxListedChanges) changes.Add(c);
            else changesNotListed++;
        }
        if (rowCompanyLine is { } company) companyLines.TryAdd(company.Id, company.Line);
        if (rowContactLine is { } contact) contactLines.TryAdd(contact.Id, contact.Line);
    }

    private void Tally(HashSet<long> set, long id)
    {
        if (set.Add(id)) rowTallies.Add((set, id));
    }

    // False when the database refused a write: the transaction cannot go on, the import stops there.
    private async Task<bool> TryImport(ImportRow row)
    {
        if (row.TooManyFields)
        {
            row.Errors.Add(new ImportError(row.Line, "", "The line has more values than the header has columns: a separator inside a value needs quotes."));
            return true;
        }
        try
        {
            await ImportCompanyAndContact(row);
            return true;
        }
        catch (CrmProblem p)
        {
            var field = p.Extensions.TryGetValue("errors", out var e) && e is Dictionary<string, string[]> d ? d.Keys.FirstOrDefault() : null;
            row.Errors.Add(new ImportError(row.Line, field ?? "", p.Message));
            return true;
        }
        catch (DbUpdateException e)
        {
            log.LogWarning(e, "Import stopped at line {Line}", row.Line);
            row.Errors.Add(new ImportError(row.Line, "", "The database refused this line; the import stopped here and nothing was saved."));
            Reject(row);
            return false;
        }
    }

    private async Task<bool> Visible(long companyId) => caller.SeesAll || await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == companyId);
}

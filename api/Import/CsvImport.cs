using System.Diagnostics;

namespace OutlookCrm.Api.Import;

public sealed record ImportRequest(string FileName, bool DryRun, string? Encoding = null, IReadOnlyDictionary<string, ImportField>? Overrides = null);

// Imports one CSV file of companies (and their contacts and notes) in one transaction: committed whole
// when every row is accepted, rolled back otherwise and always on a dry run, so the dry run runs the
// very same code and rules. The file is streamed and the change tracker emptied after each row:
// memory stays flat whatever the number of rows.
public sealed partial class CsvImport(CrmDbContext db, Caller caller, ILogger log)
{
    public const int MaxListedErrors = 10_000;

    private readonly List<ImportError> errors = [];
    private readonly HashSet<long> companiesSeen = [], contactsSeen = [];
    private int errorsNotListed, rejectedRows, companiesCreated, companiesUpdated, contactsCreated, contactsUpdated, notesCreated;
    private Dictionary<string, int>? users;

    // Called every thousand rows with the rows read and the fraction of the file consumed.
    public Action<int, double>? Progress { get; init; }

    public async Task<ImportSummary> RunAsync(Stream file, ImportRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var encoding = CsvEncoding.Detect(file, request.Encoding);
        using var text = new StreamReader(file, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        string? headerLine;
        try { headerLine = await text.ReadLineAsync(ct); }
        catch (System.Text.DecoderFallbackException) { throw CsvEncoding.Refused($"The header line is not valid {encoding.WebName}."); }
        if (string.IsNullOrWhiteSpace(headerLine)) throw CsvEncoding.Refused("The file has no header line: the first line must name the columns.");
        var separator = CsvReader.DetectSeparator(headerLine);
        var headers = new CsvReader(new StringReader(headerLine), separator).Next()!.Fields.Select(h => h.Trim()).ToArray();
        var fields = ImportHeaders.Map(headers, request.Overrides ?? new Dictionary<string, ImportField>());
        var headerOf = fields.Select((f, i) => (f, h: headers[i])).Where(x => x.f != ImportField.Ignore)
            .GroupBy(x => x.f).ToDictionary(g => g.Key, g => g.First().h);
        log.LogInformation("Import {File}: {Encoding}, separator '{Separator}', columns {Columns}", request.FileName, encoding.WebName,
            separator, string.Join(", ", headers.Select((h, i) => $"{h}→{fields[i]}")));

        var rows = 0;
        var committed = false;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                foreach (var record in new CsvReader(text, separator, firstLine: 2).Records())
                {
                    ct.ThrowIfCancellationRequested();
                    rows++;
                    var row = new ImportRow(record, fields, headerOf);
                    if (!await TryImport(row)) break;
                    if (row.Errors.Count > 0) Reject(row);
                    // Every row is saved as it goes: tracking nothing keeps each save and memory small.
                    db.ChangeTracker.Clear();
                    if (rows % 1000 == 0) Progress?.Invoke(rows, file.Length == 0 ? 1 : (double)file.Position / file.Length);
                    if (rows % 10_000 == 0)
                        log.LogInformation("Import {File}: {Rows:N0} rows ({Fraction:P0}), {Rejected:N0} rejected, {Elapsed:g}", request.FileName, rows,
                            (double)file.Position / Math.Max(1, file.Length), rejectedRows, clock.Elapsed);
                }
            }
            catch (CsvFormatException e)
            {
                throw new CrmProblem(StatusCodes.Status400BadRequest, "Malformed CSV", $"{e.Message} Nothing was imported.");
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw CsvEncoding.Refused($"The file is not valid {encoding.WebName} after line {rows + 1}. Nothing was imported.");
            }
            if (rows % 1000 != 0) Progress?.Invoke(rows, 1);
            if (rows == 0) throw CsvEncoding.Refused("The file has a header line but no data rows.");
            committed = !request.DryRun && rejectedRows == 0;
            if (committed) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
        }
        db.ChangeTracker.Clear();

        var summary = new ImportSummary(request.FileName, request.DryRun, committed, encoding.WebName, separator == '\t' ? "tab" : separator.ToString(),
            rows, rejectedRows,
            new ImportCounts(companiesCreated, companiesUpdated, companiesSeen.Count - companiesCreated - companiesUpdated),
            new ImportCounts(contactsCreated, contactsUpdated, contactsSeen.Count - contactsCreated - contactsUpdated),
            notesCreated, headers.Select((h, i) => new ImportColumn(h, fields[i].ToString())).ToList(), errors, errorsNotListed,
            Math.Round(clock.Elapsed.TotalSeconds, 2));
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
        // Whatever the row half-changed stays out of later saves (the transaction is rolled back anyway).
        db.ChangeTracker.Clear();
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

    private async Task<int?> AccountManager(ImportRow row)
    {
        if (row[ImportField.AccountManager] is not { } raw) return null;
        users ??= await LoadUsers();
        if (users.TryGetValue(raw.Trim().ToLowerInvariant(), out var id)) return id;
        row.Error(ImportField.AccountManager, $"No active CRM user is '{raw}': give the user's sign-in address (UPN) or display name.");
        return null;
    }

    private async Task<Dictionary<string, int>> LoadUsers()
    {
        var all = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Upn, u.DisplayName }).ToListAsync();
        var map = new Dictionary<string, int>();
        foreach (var u in all) map.TryAdd(u.DisplayName.ToLowerInvariant(), u.Id);
        foreach (var u in all) map[u.Upn.ToLowerInvariant()] = u.Id;
        return map;
    }

    private async Task<bool> Visible(long companyId) => caller.SeesAll || await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == companyId);
}

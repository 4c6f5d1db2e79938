using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace OutlookCrm.Api.Import;

// One data line of the file, read through the column mapping: trimmed values, empty cells absent.
internal sealed class ImportRow
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:ss",
        "dd/MM/yyyy", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "d/M/yyyy", "dd.MM.yyyy"];

    private readonly Dictionary<ImportField, string> values = [];
    private readonly Dictionary<ImportField, string> headers;

    public ImportRow(SourceRecord record, ImportField[] fields, Dictionary<ImportField, string> headers, (int Label, int Value)[] labelledPhones)
    {
        Line = record.Line;
        this.headers = headers;
        for (var i = 0; i < fields.Length && i < record.Fields.Length; i++)
        {
            var value = Unprotect(record.Fields[i].Trim());
            if (fields[i] == ImportField.Ignore || value.Length == 0) continue;
            // Outlook splits the street over up to three columns: they join into one line.
            values[fields[i]] = values.TryGetValue(fields[i], out var before) ? $"{before}, {value}" : value;
        }
        if (values.Remove(ImportField.Street2, out var street2))
            values[ImportField.Street] = values.TryGetValue(ImportField.Street, out var s) ? $"{s}, {street2}" : street2;
        // Google Contacts labels each phone: a "Mobile" one is the mobile, the first other one the direct line.
        foreach (var (label, value) in labelledPhones)
        {
            var number = value < record.Fields.Length ? record.Fields[value].Trim() : "";
            if (number.Length == 0) continue;
            var kind = label >= 0 && label < record.Fields.Length ? record.Fields[label] : "";
            var field = kind.Contains("mobile", StringComparison.OrdinalIgnoreCase) || kind.Contains("cell", StringComparison.OrdinalIgnoreCase)
                || kind.Contains("portable", StringComparison.OrdinalIgnoreCase) ? ImportField.Mobile : ImportField.Phone;
            values.TryAdd(field, number);
        }
        TooManyFields = record.Fields.Length > fields.Length && record.Fields.Skip(fields.Length).Any(f => f.Trim().Length > 0);
    }

    // Our exports prefix formula-like cells with an apostrophe; reading them back removes it, so an export re-imports unchanged.
    private static string Unprotect(string value) =>
        value.Length > 1 && value[0] == '\'' && Export.CsvCells.Neutralize(value[1..]) != value[1..] ? value[1..] : value;

    public int Line { get; }
    public bool TooManyFields { get; }
    public List<ImportError> Errors { get; } = [];

    public string? this[ImportField field]
    {
        get => values.GetValueOrDefault(field);
        set { if (value is null) values.Remove(field); else values[field] = value; }
    }

    public bool HasCompany => values.ContainsKey(ImportField.CompanyKey) || values.ContainsKey(ImportField.CompanyName);

    public bool HasContact => values.Keys.Any(f => f is ImportField.ContactKey or ImportField.FirstName or ImportField.LastName
        or ImportField.JobTitle or ImportField.Email or ImportField.Email2 or ImportField.Phone or ImportField.Mobile);

    public string Column(ImportField field) => headers.GetValueOrDefault(field, field.ToString());

    public void Error(ImportField field, string reason) => Errors.Add(new ImportError(Line, Column(field), reason));

    public CompanyStatus? Status(IReadOnlyDictionary<string, CompanyStatus> table)
    {
        if (this[ImportField.Status] is not { } raw) return null;
        if (table.TryGetValue(ImportHeaders.Normalize(raw), out var status)) return status;
        Error(ImportField.Status, $"'{raw}' is not a status the import knows: use Client, Prospect, Suspect, Former or Lost, or map it " +
            $"with status={raw}=Client (or Prospect, …); docs/import.md lists the table.");
        return null;
    }

    public CustomerCategory? Category()
    {
        if (this[ImportField.Category] is not { } raw) return null;
        if (Enum.TryParse<CustomerCategory>(raw, true, out var c) && Enum.IsDefined(c) && !char.IsDigit(raw[0])) return c;
        Error(ImportField.Category, $"'{raw}' is not a category: use A, B or C.");
        return null;
    }

    public DateTime? LastVerified()
    {
        if (this[ImportField.LastVerified] is not { } raw) return null;
        if (DateTime.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            && d <= DateTime.UtcNow.AddDays(1))
            return DateTime.SpecifyKind(d, DateTimeKind.Utc);
        Error(ImportField.LastVerified, $"'{raw}' is not a past date (use 2025-03-31 or 31/03/2025).");
        return null;
    }

    // The API's own request validation (lengths, e-mail format), reported against the file's columns.
    public void Validate(object request, IReadOnlyDictionary<string, ImportField> fieldOf)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true)) return;
        foreach (var r in results)
        {
            var member = r.MemberNames.FirstOrDefault() ?? "";
            Errors.Add(new ImportError(Line, fieldOf.TryGetValue(member, out var f) ? Column(f) : member, r.ErrorMessage ?? "Invalid value."));
        }
    }
}

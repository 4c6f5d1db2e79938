using OutlookCrm.Api.Export;

namespace OutlookCrm.Api.Import;

public sealed record ImportCounts(int Created, int Updated, int Unchanged);

// One refused line: where it is in the file (line as a text editor numbers it, header = 1), which column, why.
public sealed record ImportError(int Line, string Column, string Reason);

public sealed record ImportColumn(string Header, string Field);

// A value the CRM had that a line replaces: "City: Lille → Roubaix".
public sealed record ImportChange(int Line, string Record, string Field, string? Old, string? New)
{
    public string Text => $"{Field}: {Old} → {New}";
}

public sealed record ImportSummary(
    string FileName, bool DryRun, bool Committed, string Encoding, string Separator, int Rows, int RejectedRows,
    ImportCounts Companies, ImportCounts Contacts, int NotesCreated, IReadOnlyList<ImportColumn> Columns,
    IReadOnlyList<ImportError> Errors, int ErrorsNotListed, double Seconds)
{
    public bool SkipInvalid { get; init; }

    // Values replaced (not filled in): the first MaxListedChanges, then only counted.
    public IReadOnlyList<ImportChange> Changes { get; init; } = [];
    public int ChangesNotListed { get; init; }

    public string Message => (DryRun, Committed) switch
    {
        (true, _) => $"Dry run: {Rows:N0} rows read; would create {Companies.Created:N0} and update {Companies.Updated:N0} companies, "
            + $"create {Contacts.Created:N0} and update {Contacts.Updated:N0} contacts ({Changes.Count + ChangesNotListed:N0} values replaced, listed); "
            + $"{RejectedRows:N0} rows would be {(SkipInvalid ? "left out" : "rejected")}. Nothing was saved.",
        (false, true) when RejectedRows > 0 => $"Imported {Rows - RejectedRows:N0} of {Rows:N0} rows; {RejectedRows:N0} rows refused and not imported (see errors): "
            + $"{Companies.Created:N0} companies created, {Companies.Updated:N0} updated; {Contacts.Created:N0} contacts created, {Contacts.Updated:N0} updated.",
        (false, true) => $"Imported {Rows:N0} rows: {Companies.Created:N0} companies created, {Companies.Updated:N0} updated, {Companies.Unchanged:N0} unchanged; "
            + $"{Contacts.Created:N0} contacts created, {Contacts.Updated:N0} updated, {Contacts.Unchanged:N0} unchanged; {NotesCreated:N0} notes.",
        _ => $"Nothing was imported: {RejectedRows:N0} of {Rows:N0} rows are rejected. Fix them (see errors) and import the whole file again.",
    };

    // The per-line errors as a CSV the user opens next to their file.
    public void WriteErrorsCsv(TextWriter writer)
    {
        using var csv = CsvCells.Create(writer, ',');
        csv.Row("Line", "Column", "Reason");
        foreach (var e in Errors) csv.Row(e.Line.ToString(), e.Column, e.Reason);
        if (ErrorsNotListed > 0) csv.Row("", "", $"... and {ErrorsNotListed:N0} more errors not listed.");
    }
}

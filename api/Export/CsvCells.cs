using System.Text.RegularExpressions;
using CsvHelper;

namespace OutlookCrm.Api.Export;

// CSV written with CsvHelper (RFC 4180 quoting, UTF-8, asynchronous flushes), with our own formula neutralisation:
// a text starting with = + - @ tab or CR gets an apostrophe so a spreadsheet never runs it (OWASP "CSV injection"),
// except phone numbers and plain numbers ("+33 1 64 00 00 00", "-12.5"), which cannot call anything and must stay as
// they are. The importer removes the apostrophe again, so an export re-imports unchanged.
public static partial class CsvCells
{
    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralize(string value)
    {
        if (value.Length == 0 || !Dangerous.Contains(value[0])) return value;
        if (value[0] is '+' or '-' && (PlainNumber().IsMatch(value) || PhoneNumber().IsMatch(value))) return value;
        return "'" + value;
    }

    public static CsvWriter Create(Stream output, char separator, bool byteOrderMark) =>
        CsvWriter.Create(output, CsvWriterOptions.Default with { Separator = separator, WriteByteOrderMark = byteOrderMark }, leaveOpen: true);

    public static CsvWriter Create(TextWriter output, char separator) =>
        CsvWriter.Create(output, CsvWriterOptions.Default with { Separator = separator }, leaveOpen: true);

    public static void Row(this CsvWriter csv, params string?[] cells)
    {
        foreach (var cell in cells) csv.WriteField(cell is null ? null : Neutralize(cell));
        csv.EndRecord();
    }

    public static async Task RowAsync(this CsvWriter csv, IEnumerable<string?> cells, CancellationToken ct)
    {
        foreach (var cell in cells) csv.WriteField(cell is null ? null : Neutralize(cell));
        await csv.EndRecordAsync(ct);
    }

    [GeneratedRegex(@"^[+-]?\d+([.,]\d+)?$")]
    private static partial Regex PlainNumber();

    // An international number: + then digits, spaces, dots, dashes, slashes and a bracketed trunk prefix.
    [GeneratedRegex(@"^\+\d[\d .()/-]*\d$")]
    private static partial Regex PhoneNumber();
}

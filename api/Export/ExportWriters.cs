using System.Globalization;
using System.Text;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Export;

// Writes an export as rows arrive from the database: CSV straight to the response, xlsx through the shared
// streaming workbook writer (api/Spreadsheets). In xlsx every text is an inline string cell, never a formula;
// in CSV CsvCells prefixes what a spreadsheet would run (phone numbers and numbers excepted).
internal static class ExportWriters
{
    public static async Task Csv(ExportTable table, Stream output, char separator, CancellationToken ct)
    {
        // A BOM makes Excel read UTF-8 instead of the machine's ANSI code page. Every write is asynchronous: the
        // response body refuses synchronous writes, and a large export must not hold a thread while the client reads.
        await using var csv = CsvCells.Create(output, separator, byteOrderMark: true);
        await csv.RowAsync(table.Columns.Select(c => c.Header), ct);
        await foreach (var row in table.Rows.WithCancellation(ct))
            await csv.RowAsync(row.Select((v, i) => Format(v, table.Columns[i].Style)), ct);
        await csv.FlushAsync(ct);
    }

    public static async Task Xlsx(ExportTable table, Stream output, CancellationToken ct)
    {
        using var book = XlsxBook.Create(output);
        using var sheet = book.AddSheet(table.Name, [.. table.Columns.Select(c => new XlsxColumn(c.Header, c.Width, c.Style))]);
        await foreach (var row in table.Rows.WithCancellation(ct))
            sheet.Row([.. row.Select(v => v is Enum e ? e.ToString() : v)]);
    }

    private static string? Format(object? value, XlsxStyle style) => value switch
    {
        null => null,
        DateTime d when style == XlsxStyle.Date => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

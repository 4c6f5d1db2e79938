using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OutlookCrm.Api.Import;

namespace OutlookCrm.Api.Products;

public sealed record TableRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

// A small table file (price list, ERP feed): CSV in any encoding the import accepts, or the first sheet of an .xlsx.
// Headers are matched case-insensitively; Line is the line (CSV) or row (Excel) number a user sees, header = 1.
public static class TableFile
{
    public const int MaxRows = 200_000;

    public static List<TableRow> Read(Stream file, string? encoding = null)
    {
        var head = new byte[4];
        var n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? ReadXlsx(file) : ReadCsv(file, encoding);
    }

    private static List<TableRow> ReadCsv(Stream file, string? encoding)
    {
        // The importer's CSV reader (CsvHelper, same encoding rules and errors).
        using var source = new CsvSource(file, encoding);
        var headers = source.Headers.ToArray();
        var rows = new List<TableRow>();
        try
        {
            foreach (var r in source.Records())
            {
                if (r.Fields.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new TableRow(r.Line, Cells(headers, r.Fields)));
                if (rows.Count > MaxRows) throw CsvEncoding.Refused($"The file has more than {MaxRows:N0} rows: split it.");
            }
        }
        catch (ImportFormatException e) { throw new CrmProblem(StatusCodes.Status400BadRequest, "Malformed CSV", $"{e.Message} Nothing was imported."); }
        catch (System.Text.DecoderFallbackException) { throw CsvEncoding.Refused("The file is not valid text in its encoding. Nothing was imported."); }
        return rows;
    }

    private static List<TableRow> ReadXlsx(Stream file)
    {
        SpreadsheetDocument doc;
        try { doc = SpreadsheetDocument.Open(file, false); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException)
        { throw CsvEncoding.Refused("The file looks like an Excel workbook but cannot be opened: save it again as .xlsx or as CSV UTF-8."); }
        using (doc)
        {
            var book = doc.WorkbookPart ?? throw CsvEncoding.Refused("The workbook has no sheets.");
            var first = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw CsvEncoding.Refused("The workbook has no sheets.");
            var sheet = (WorksheetPart)book.GetPartById(first.Id!);
            var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            string[]? headers = null;
            var rows = new List<TableRow>();
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var c in row.Elements<Cell>())
                    cells[ColumnIndex(c.CellReference?.Value) ?? cells.Count] = CellText(c, strings);
                var values = Enumerable.Range(0, cells.Count == 0 ? 0 : cells.Keys.Max() + 1).Select(i => cells.GetValueOrDefault(i, "")).ToArray();
                var line = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2));
                if (headers is null) { headers = values.Select(v => v.Trim()).ToArray(); continue; }
                if (values.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new TableRow(line, Cells(headers, values)));
                if (rows.Count > MaxRows) throw CsvEncoding.Refused($"The sheet has more than {MaxRows:N0} rows: split it.");
            }
            if (headers is null) throw CsvEncoding.Refused("The first sheet is empty: its first row must name the columns.");
            return rows;
        }
    }

    private static Dictionary<string, string> Cells(string[] headers, string[] values)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Length; i++)
            if (headers[i].Length > 0 && !d.ContainsKey(headers[i])) d[headers[i]] = i < values.Length ? values[i] : "";
        return d;
    }

    // Numbers keep Excel's stored value in invariant form (1234.5), so the number parser reads them exactly.
    private static string CellText(Cell c, string[] strings)
    {
        var raw = c.CellValue?.Text ?? c.InlineString?.InnerText ?? "";
        if (c.DataType?.Value == CellValues.SharedString) return int.TryParse(raw, out var i) && i < strings.Length ? strings[i] : "";
        if (c.DataType?.Value == CellValues.Boolean) return raw == "1" ? "true" : "false";
        if (c.DataType is null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return ((decimal)d).ToString(CultureInfo.InvariantCulture);
        return raw;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return n - 1;
    }
}

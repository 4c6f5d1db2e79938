using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Import;

// An .xlsx workbook: the named sheet, else the first one; its first row is the header. Read row by row with the Open
// XML SDK's streaming reader (memory stays flat whatever the size). Dates (cells styled with a date format) become
// yyyy-MM-dd (or ISO date-time), numbers invariant text, formulas their last computed value. ClosedXML, the design
// card's Excel library, cannot run here: its only served version (0.95.4) fails on DocumentFormat.OpenXml 3.x, which
// the API uses (InvalidProgramException in XLWorkbook's type initializer; see bench/WorkbookBench/ClosedXml).
public sealed class XlsxSource : IImportSource
{
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];

    private readonly SpreadsheetDocument document;
    private readonly WorksheetPart sheetPart;
    private readonly List<string> sharedStrings = [];
    private readonly HashSet<uint> dateStyles = [];
    private readonly long totalBytes;
    private OpenXmlReader? reader;
    private SourceRecord? headerRow;
    private int rowsRead, rowsEstimate;

    public XlsxSource(Stream file, string? sheetName)
    {
        totalBytes = file.Length;
        try { document = SpreadsheetDocument.Open(file, false); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            throw CsvEncoding.Refused("This zip file is not an Excel workbook (.xlsx) that can be read. In Excel use File > Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\".");
        }
        var book = document.WorkbookPart ?? throw Unreadable();
        var sheets = book.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
        var sheet = sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase));
        if (sheet is null)
        {
            document.Dispose();
            throw sheetName is null ? Unreadable()
                : CrmProblem.Invalid("sheet", $"The workbook has no sheet '{sheetName}'. Its sheets are: {string.Join(", ", sheets.Select(s => s.Name?.Value))}.");
        }
        sheetPart = (WorksheetPart)book.GetPartById(sheet.Id!.Value!);
        if (book.SharedStringTablePart?.SharedStringTable is { } table)
            sharedStrings.AddRange(table.Elements<SharedStringItem>().Select(i => string.Concat(i.Descendants<Text>().Select(t => t.Text))));
        ReadDateStyles(book.WorkbookStylesPart?.Stylesheet);
        Encoding = $"xlsx, sheet {sheet.Name?.Value}";
        reader = OpenXmlReader.Create(sheetPart);
        headerRow = NextRow();
        if (headerRow is null || headerRow.Fields.All(f => f.Trim().Length == 0))
            throw CsvEncoding.Refused($"The first row of the sheet '{sheet.Name?.Value}' is empty: it must name the columns.");
        Headers = [.. headerRow.Fields.Select(h => h.Trim())];
        rowsEstimate = Math.Max(1, (int)(sheetPart.GetStream().Length / 200));
    }

    public string Encoding { get; }
    public string Separator => "";
    public IReadOnlyList<string> Headers { get; }
    public double Fraction => Math.Min(1, (double)rowsRead / rowsEstimate);

    public IEnumerable<SourceRecord> Records()
    {
        while (NextRow() is { } row)
        {
            rowsRead++;
            if (row.Fields.All(f => f.Length == 0)) continue;
            // Short rows (empty trailing cells) and rows wider than the header are padded or kept as the CSV reader does.
            yield return row.Fields.Length >= Headers.Count ? row : row with { Fields = [.. row.Fields, .. Enumerable.Repeat("", Headers.Count - row.Fields.Length)] };
        }
    }

    private SourceRecord? NextRow()
    {
        while (reader!.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var fields = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? fields.Count;
                while (fields.Count < column) fields.Add("");
                fields.Add(Text(cell));
            }
            return new SourceRecord((int)(row.RowIndex?.Value ?? (uint)(rowsRead + 2)), [.. fields]);
        }
        return null;
    }

    private string Text(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return string.Concat(cell.InlineString?.Descendants<Text>().Select(t => t.Text) ?? []);
        if (raw is null) return "";
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : "";
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type == CellValues.String || type == CellValues.Error) return raw;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
        if (cell.StyleIndex?.Value is uint style && dateStyles.Contains(style) && number is > -657435 and < 2958466)
        {
            var d = DateTime.FromOADate(number);
            return d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        }
        return number.ToString("0.##########", CultureInfo.InvariantCulture);
    }

    // Styles whose number format shows a date: the built-in date formats, or a custom code with day, month or year.
    private void ReadDateStyles(Stylesheet? styles)
    {
        if (styles?.CellFormats is null) return;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateCode(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (BuiltInDateFormats.Contains(id) || custom.Contains(id)) dateStyles.Add(index);
            index++;
        }
    }

    private static bool IsDateCode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return false;
        var plain = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "").ToLowerInvariant();
        return plain.Contains('y') || plain.Contains('d') || (plain.Contains('m') && !plain.Contains('h') && !plain.Contains('s'));
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var n = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            n = n * 26 + (c - 'A' + 1);
        }
        return n == 0 ? null : n - 1;
    }

    private static CrmProblem Unreadable() =>
        CsvEncoding.Refused("This zip file is not an Excel workbook (.xlsx) that can be read. In Excel use File > Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\".");

    public void Dispose()
    {
        reader?.Dispose();
        document.Dispose();
    }
}

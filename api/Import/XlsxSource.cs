using System.Globalization;
using ClosedXML.Excel;

namespace OutlookCrm.Api.Import;

// An .xlsx workbook read with ClosedXML: the named sheet, else the first one; its first row is the header. Dates
// become yyyy-MM-dd (or ISO date-time), numbers invariant text, formulas their last computed value. ClosedXML loads
// the whole workbook in memory: very large files are better imported as CSV (docs/import.md).
public sealed class XlsxSource : IImportSource
{
    private readonly XLWorkbook book;
    private readonly IXLWorksheet sheet;
    private readonly int lastRow, lastColumn;
    private int current;

    public XlsxSource(Stream file, string? sheetName)
    {
        try { book = new XLWorkbook(file); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw CsvEncoding.Refused("This zip file is not an Excel workbook (.xlsx) that can be read. In Excel use File > Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\".");
        }
        if (sheetName is null) sheet = book.Worksheets.First();
        else if (!book.TryGetWorksheet(sheetName, out sheet!))
        {
            var names = string.Join(", ", book.Worksheets.Select(w => w.Name));
            book.Dispose();
            throw CrmProblem.Invalid("sheet", $"The workbook has no sheet '{sheetName}'. Its sheets are: {names}.");
        }
        var used = sheet.RangeUsed();
        if (used is null) throw CsvEncoding.Refused($"The sheet '{sheet.Name}' is empty.");
        lastRow = used.LastRow().RowNumber();
        lastColumn = used.LastColumn().ColumnNumber();
        Headers = [.. Enumerable.Range(1, lastColumn).Select(c => Text(sheet.Cell(1, c)).Trim())];
        if (Headers.All(h => h.Length == 0)) throw CsvEncoding.Refused("The first row is empty: it must name the columns.");
        Encoding = $"xlsx, sheet {sheet.Name}";
    }

    public string Encoding { get; }
    public string Separator => "";
    public IReadOnlyList<string> Headers { get; }
    public double Fraction => lastRow <= 1 ? 1 : (double)current / lastRow;

    public IEnumerable<SourceRecord> Records()
    {
        for (current = 2; current <= lastRow; current++)
        {
            var fields = new string[lastColumn];
            for (var c = 1; c <= lastColumn; c++) fields[c - 1] = Text(sheet.Cell(current, c));
            if (fields.All(f => f.Length == 0)) continue;
            yield return new SourceRecord(current, fields);
        }
    }

    private static string Text(IXLCell cell)
    {
        var value = cell.HasFormula ? cell.CachedValue : cell.Value;
        return value switch
        {
            null => "",
            DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            double x => x.ToString("0.##########", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    public void Dispose() => book.Dispose();
}

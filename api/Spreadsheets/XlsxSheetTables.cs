using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// A sheet's Excel tables: the first under the header, and further ones under it (the Forecast's per-territory rows).
public sealed partial class XlsxSheet
{
    // A further table under the current one (closed with its totals or not): a blank row, its title, its own header row,
    // then its rows and totals as for the first. Same column count and widths (the sheet's columns are set once); only on
    // table sheets without charts (a chart reads the first table).
    public void NextTable(IReadOnlyList<XlsxColumn> next, string? title = null)
    {
        if (tableId is null || charts.Count > 0) throw new InvalidOperationException($"Sheet '{Name}': further tables need a table sheet without charts.");
        if (next.Count != columns.Count || next.Select(XlsxLayout.Width).Where((w, i) => w > widths[i]).Any())
            throw new ArgumentException("A further table has the sheet's column count, each header's words within its column's width.", nameof(next));
        if (inRow) EndRow();
        if (DataRows == 0) { BeginRow(HeaderRow + 1); EndRow(); }
        tables.Add((tableId.Value, TableRange(), columns));
        var row = LastRow + 2;
        if (title is not null)
        {
            BeginRow(row++, XlsxLayout.TitlePx * 0.75);
            Cell(new XlsxCell(title, XlsxStyle.Title));
            EndRow();
        }
        (columns, HeaderRow, tableId, sums, totals) = (next, row, book.NextTable(), new double[next.Count], false);
        HeaderCells(XlsxLayout.HeaderPoints(next));
    }

    private Table Table(int id, string range, IReadOnlyList<XlsxColumn> columns)
    {
        var name = $"T{id}_{new string(Name.Where(char.IsLetterOrDigit).ToArray())}";
        return new Table(
            new AutoFilter { Reference = range },
            new TableColumns(columns.Select((c, i) => new TableColumn { Id = (uint)i + 1, Name = XlsxValues.Clean(c.Header) })) { Count = (uint)columns.Count },
            new TableStyleInfo { Name = "TableStyleMedium2", ShowRowStripes = true, ShowColumnStripes = false, ShowFirstColumn = false, ShowLastColumn = false })
        { Id = (uint)id, Name = name, DisplayName = name, Reference = range, TotalsRowShown = false };
    }
}

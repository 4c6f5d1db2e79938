using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// One worksheet streamed into its zip entry: optional title line, bold frozen header, then rows as they come
// (and optionally further tables under the first: NextTable). Its table, drawing and chart parts are written
// after it, when the sheet is disposed (their relationship ids are fixed in advance: rId1 the drawing, rId2 and
// on the tables).
public sealed partial class XlsxSheet : IDisposable
{
    private readonly XlsxBook book;
    private readonly uint sheetIndex;
    private IReadOnlyList<XlsxColumn> columns;
    private readonly XlsxXml writer;
    private int? tableId;
    private readonly List<(int Id, string Range, IReadOnlyList<XlsxColumn> Columns)> tables = [];
    private readonly IReadOnlyList<XlsxChart> charts;
    private readonly string[] letters;
    private double[] sums;
    private readonly List<object?[]> chartRows = [];
    private readonly XlsxSheetOptions options;
    private readonly double[] widths;
    private readonly double headerPoints;
    private readonly bool wraps;
    private bool inRow, totals;
    private int col;

    internal XlsxSheet(XlsxBook book, Stream stream, string name, uint sheetIndex, IReadOnlyList<XlsxColumn> columns,
        int? tableId, string? title, IReadOnlyList<XlsxChart> charts, XlsxSheetOptions options, bool selected)
    {
        (this.book, Name, this.sheetIndex, this.columns, this.tableId, this.charts, this.options) =
            (book, name, sheetIndex, columns, tableId, charts, options);
        letters = columns.Select((_, i) => ColumnLetter(i)).ToArray();
        sums = new double[columns.Count];
        widths = columns.Select(XlsxLayout.Width).ToArray();
        wraps = columns.Any(c => c.Style == XlsxStyle.WrapText);
        HeaderRow = title is null ? 1 : 3;
        LastRow = HeaderRow;
        headerPoints = XlsxLayout.HeaderPoints(columns);

        writer = new XlsxXml(stream);
        writer.Raw("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"u8);
        writer.Raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\""u8);
        writer.Ascii(XlsxPackage.RelationshipsNs);
        writer.Raw("\">"u8);
        writer.Element(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        // Frozen: the header rows always, and the first columns (the rep's name) on wide sheets.
        var frozen = Math.Min(options.FrozenColumns, columns.Count - 1);
        var pane = new Pane
        {
            VerticalSplit = HeaderRow, TopLeftCell = $"{letters[frozen]}{HeaderRow + 1}", State = PaneStateValues.Frozen,
            ActivePane = frozen > 0 ? PaneValues.BottomRight : PaneValues.BottomLeft,
        };
        if (frozen > 0) pane.HorizontalSplit = frozen;
        writer.Element(new SheetViews(new SheetView(pane, new Selection { Pane = pane.ActivePane })
            { TabSelected = selected, WorkbookViewId = 0 }));
        writer.Element(new SheetFormatProperties { DefaultRowHeight = 15 });
        writer.Element(new Columns(widths.Select((w, i) => new Column
            { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })));
        writer.Raw("<sheetData>"u8);
        if (title is not null)
        {
            BeginRow(1, XlsxLayout.TitlePx * 0.75);
            Cell(new XlsxCell(title, XlsxStyle.Title));
            EndRow();
        }
        HeaderCells(headerPoints);
        book.DefineName("_xlnm.Print_Titles", sheetIndex, $"{XlsxCharts.Quote(Name)}!${HeaderRow}:${HeaderRow}");
    }

    // Excel's last row: a longer export continues on another sheet (check IsFull before each row).
    public const int MaxRow = 1_048_576;

    public string Name { get; }
    public bool IsFull => LastRow >= MaxRow - 1; // one row kept for the totals
    public int HeaderRow { get; private set; }
    public int LastRow { get; private set; }
    public int DataRows => LastRow - HeaderRow;
    internal bool IsClosed { get; private set; }

    // One data row, cells in column order: string, int/long/double/decimal, DateTime, DateOnly, bool, null (empty),
    // XlsxFormula, or an XlsxCell to override the column's style.
    public void Row(params object?[] values)
    {
        if (totals) throw new InvalidOperationException("Rows cannot follow the totals row.");
        // Wrapped text gets the height it needs (spreadsheet programs do not all size rows on opening).
        var lines = 1;
        if (wraps)
            for (var i = 0; i < values.Length && i < columns.Count; i++)
                if (columns[i].Style == XlsxStyle.WrapText && values[i] is string text)
                    lines = Math.Max(lines, XlsxLayout.Lines(text, widths[i], false));
        BeginRow(LastRow + 1, lines > 1 ? lines * 15 : null);
        foreach (var v in values) Cell(v);
        EndRow();
        if (charts.Count > 0 && chartRows.Count < MaxChartRows) chartRows.Add(values);
    }

    // A bold row under the data with SUBTOTAL formulas (so they follow the filter) and their values cached,
    // so a reader that does not recalculate still shows the right total. The first None column gets the label;
    // a Count column shows "label: N" (the rows left by the filter) and takes the label's place.
    public void TotalsRow(string label, params XlsxTotal[] perColumn)
    {
        var first = LastRow + 1;
        var n = DataRows;
        BeginRow(first);
        var labelled = false;
        for (var i = 0; i < columns.Count; i++)
        {
            var kind = i < perColumn.Length ? perColumn[i] : XlsxTotal.None;
            var range = $"{letters[i]}{HeaderRow + 1}:{letters[i]}{Math.Max(HeaderRow + 1, first - 1)}";
            object? value = kind switch
            {
                XlsxTotal.Sum => new XlsxFormula($"SUBTOTAL(109,{range})", sums[i]),
                XlsxTotal.Average => new XlsxFormula($"SUBTOTAL(101,{range})", n == 0 ? null : sums[i] / n),
                XlsxTotal.Count => new XlsxFormula($"\"{label}: \"&SUBTOTAL(103,{range})", Text: $"{label}: {n}"),
                _ when !labelled => label,
                _ => null,
            };
            if (kind is XlsxTotal.None or XlsxTotal.Count) labelled = true;
            Cell(new XlsxCell(value, kind == XlsxTotal.Count ? XlsxStyle.TotalText : columns[i].Style.Total()));
        }
        EndRow();
        totals = true;
    }

    // A header row as tall as its longest wrapped header, so "Clients seen LY" reads whole.
    private void HeaderCells(double points)
    {
        BeginRow(HeaderRow, points);
        foreach (var c in columns) Cell(new XlsxCell(c.Header, XlsxStyle.Header));
        EndRow();
    }

    private int DataEnd => Math.Max(LastRow - (totals ? 1 : 0), HeaderRow + 1);

    private string TableRange() => $"A{HeaderRow}:{letters[^1]}{DataEnd}";

    public void BeginRow(int rowIndex) => BeginRow(rowIndex, null);

    private void BeginRow(int rowIndex, double? points)
    {
        if (rowIndex > MaxRow) throw new InvalidOperationException($"Sheet '{Name}' is full: Excel sheets hold {MaxRow:N0} rows.");
        writer.Raw("<row r=\""u8);
        writer.Int(rowIndex);
        if (points is { } ht)
        {
            writer.Raw("\" ht=\""u8);
            writer.Ascii(ht.ToString("0.##", CultureInfo.InvariantCulture));
            writer.Raw("\" customHeight=\"1"u8);
        }
        writer.Raw("\">"u8);
        (inRow, col) = (true, 0);
        LastRow = rowIndex;
    }

    public void EndRow()
    {
        writer.Raw("</row>"u8);
        inRow = false;
    }

    // The next cell of the current row.
    public void Cell(object? value)
    {
        if (!inRow || col >= columns.Count) throw new InvalidOperationException("Cell outside a row, or more cells than columns.");
        var style = value is XlsxCell c ? c.Style : columns[col].Style;
        if (value is XlsxCell cell) value = cell.Value;
        if (LastRow > HeaderRow && !totals) sums[col] += XlsxValues.AsNumber(value) ?? 0;
        XlsxValues.Write(writer, letters[col], LastRow, (uint)style, value);
        col++;
    }

    public void Dispose()
    {
        if (IsClosed) return;
        if (inRow) EndRow();
        // An Excel table needs at least one data row: an empty sheet keeps one blank row under its header.
        if (tableId is not null && DataRows == 0) { BeginRow(HeaderRow + 1); EndRow(); }
        var dataEnd = DataEnd;
        var range = TableRange();
        if (tableId is { } last) tables.Add((last, range, columns));
        writer.Raw("</sheetData>"u8);
        if (tableId is null)
        {
            writer.Element(new AutoFilter { Reference = range });
            book.DefineName("_xlnm._FilterDatabase", sheetIndex, $"{XlsxCharts.Quote(Name)}!${letters[0]}${HeaderRow}:${letters[^1]}${dataEnd}");
        }
        XlsxLayout.WritePageSetup(writer, options.OnePage, book.PrintHeader);
        if (charts.Count > 0) writer.Element(new Drawing { Id = "rId1" });
        if (tables.Count > 0)
            writer.Element(new TableParts(tables.Select((_, i) => new TablePart { Id = $"rId{i + 2}" })) { Count = (uint)tables.Count });
        writer.Raw("</worksheet>"u8);
        writer.Dispose(); // and the entry's stream
        IsClosed = true;

        var relationships = new List<(string, string, string)>();
        if (charts.Count > 0)
        {
            var drawing = book.NextDrawing();
            var chartIds = charts.Select(_ => book.NextChart()).ToList();
            for (var i = 0; i < charts.Count; i++)
                book.SavePart($"xl/charts/chart{chartIds[i]}.xml", XlsxPackage.Chart, XlsxCharts.ChartSpace(charts[i], this, dataEnd));
            var (originColumn, originRow) = charts[0].Place == XlsxChartPlace.Beside ? (columns.Count, HeaderRow - 1) : (0, LastRow + 1);
            book.SavePart($"xl/drawings/drawing{drawing}.xml", XlsxPackage.Drawing,
                XlsxLayout.Anchors(charts, ColumnPx, RowPx, originColumn, originRow));
            book.SaveRelationships($"xl/drawings/_rels/drawing{drawing}.xml.rels",
                chartIds.Select((c, i) => ($"rId{i + 1}", XlsxPackage.ChartRel, $"../charts/chart{c}.xml")));
            relationships.Add(("rId1", XlsxPackage.DrawingRel, $"../drawings/drawing{drawing}.xml"));
        }
        for (var i = 0; i < tables.Count; i++)
        {
            var (id, tableRange, tableColumns) = tables[i];
            book.SavePart($"xl/tables/table{id}.xml", XlsxPackage.Table, Table(id, tableRange, tableColumns));
            relationships.Add(($"rId{i + 2}", XlsxPackage.TableRel, $"../tables/table{id}.xml"));
        }
        if (relationships.Count > 0) book.SaveRelationships($"xl/worksheets/_rels/sheet{sheetIndex + 1}.xml.rels", relationships);
    }

    internal string Letter(int column) => letters[column];

    // Rows cached in the chart parts: charts are for summary sheets, not for raw data.
    private const int MaxChartRows = 20_000;

    private int ColumnPx(int i) => i < widths.Length ? XlsxLayout.ColumnPx(widths[i]) : XlsxLayout.DefaultColumnPx;

    private int RowPx(int i) => i + 1 == HeaderRow ? (int)Math.Ceiling(headerPoints / 0.75)
        : i == 0 && HeaderRow > 1 ? XlsxLayout.TitlePx : XlsxLayout.RowPx;
    internal IReadOnlyList<object?[]> ChartRows => chartRows;
    internal IReadOnlyList<XlsxColumn> Columns => columns;

    private static string ColumnLetter(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}

// A cell value with its own style, e.g. a bold label in a numeric column.
public readonly record struct XlsxCell(object? Value, XlsxStyle Style);

// A formula (without '='), with the value to cache for readers that do not recalculate: a number, or a Text result.
public sealed record XlsxFormula(string Formula, double? Cached = null, string? Text = null);

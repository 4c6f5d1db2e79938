using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// One worksheet streamed into its zip entry: optional title line, bold frozen header, then rows as they come.
// Its table, drawing and chart parts are written after it, when the sheet is disposed (their relationship
// ids are fixed in advance: rId1 the drawing, rId2 the table).
public sealed class XlsxSheet : IDisposable
{
    private readonly XlsxBook book;
    private readonly Stream stream;
    private readonly uint sheetIndex;
    private readonly IReadOnlyList<XlsxColumn> columns;
    private readonly OpenXmlWriter writer;
    private readonly int? tableId;
    private readonly IReadOnlyList<XlsxChart> charts;
    private readonly string[] letters;
    private readonly double[] sums;
    private readonly List<object?[]> chartRows = [];
    private bool inRow, totals;
    private int col;

    internal XlsxSheet(XlsxBook book, Stream stream, string name, uint sheetIndex, IReadOnlyList<XlsxColumn> columns,
        int? tableId, string? title, IReadOnlyList<XlsxChart> charts)
    {
        (this.book, this.stream, Name, this.sheetIndex, this.columns, this.tableId, this.charts) =
            (book, stream, name, sheetIndex, columns, tableId, charts);
        letters = columns.Select((_, i) => ColumnLetter(i)).ToArray();
        sums = new double[columns.Count];
        HeaderRow = title is null ? 1 : 3;
        LastRow = HeaderRow;

        writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet(), [], [new KeyValuePair<string, string>("r", XlsxPackage.RelationshipsNs)]);
        var pane = new Pane
        {
            VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        };
        writer.WriteElement(new SheetViews(new SheetView(pane, new Selection { Pane = PaneValues.BottomLeft })
            { TabSelected = sheetIndex == 0, WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(columns.Select((c, i) => new Column
            { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        if (title is not null)
        {
            BeginRow(1);
            Cell(new XlsxCell(title, XlsxStyle.Title));
            EndRow();
        }
        BeginRow(HeaderRow);
        foreach (var c in columns) Cell(new XlsxCell(c.Header, XlsxStyle.Header));
        EndRow();
    }

    // Excel's last row: a longer export continues on another sheet (check IsFull before each row).
    public const int MaxRow = 1_048_576;

    public string Name { get; }
    public bool IsFull => LastRow >= MaxRow - 1; // one row kept for the totals
    public int HeaderRow { get; }
    public int LastRow { get; private set; }
    public int DataRows => LastRow - HeaderRow;
    internal bool IsClosed { get; private set; }

    // One data row, cells in column order: string, int/long/double/decimal, DateTime, DateOnly, bool, null (empty),
    // XlsxFormula, or an XlsxCell to override the column's style.
    public void Row(params object?[] values)
    {
        if (totals) throw new InvalidOperationException("Rows cannot follow the totals row.");
        BeginRow(LastRow + 1);
        foreach (var v in values) Cell(v);
        EndRow();
        if (charts.Count > 0 && chartRows.Count < XlsxCharts.MaxPoints) chartRows.Add(values);
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

    public void BeginRow(int rowIndex)
    {
        if (rowIndex > MaxRow) throw new InvalidOperationException($"Sheet '{Name}' is full: Excel sheets hold {MaxRow:N0} rows.");
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowIndex.ToString(CultureInfo.InvariantCulture))]);
        (inRow, col) = (true, 0);
        LastRow = rowIndex;
    }

    public void EndRow()
    {
        writer.WriteEndElement();
        inRow = false;
    }

    // The next cell of the current row.
    public void Cell(object? value)
    {
        if (!inRow || col >= columns.Count) throw new InvalidOperationException("Cell outside a row, or more cells than columns.");
        var style = value is XlsxCell c ? c.Style : columns[col].Style;
        if (value is XlsxCell cell) value = cell.Value;
        if (LastRow > HeaderRow && !totals) sums[col] += XlsxValues.AsNumber(value) ?? 0;
        XlsxValues.Write(writer, $"{letters[col]}{LastRow}", (uint)style, value);
        col++;
    }

    public void Dispose()
    {
        if (IsClosed) return;
        if (inRow) EndRow();
        // An Excel table needs at least one data row: an empty sheet keeps one blank row under its header.
        if (tableId is not null && DataRows == 0) { BeginRow(HeaderRow + 1); EndRow(); }
        var dataEnd = Math.Max(LastRow - (totals ? 1 : 0), HeaderRow + 1);
        var range = $"A{HeaderRow}:{letters[^1]}{dataEnd}";
        writer.WriteEndElement(); // sheetData
        if (tableId is null)
        {
            writer.WriteElement(new AutoFilter { Reference = range });
            book.DefineName("_xlnm._FilterDatabase", sheetIndex, $"{XlsxCharts.Quote(Name)}!${letters[0]}${HeaderRow}:${letters[^1]}${dataEnd}");
        }
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        if (charts.Count > 0) writer.WriteElement(new Drawing { Id = "rId1" });
        if (tableId is not null) writer.WriteElement(new TableParts(new TablePart { Id = "rId2" }) { Count = 1 });
        writer.WriteEndElement(); // worksheet
        writer.Close();
        stream.Dispose();
        IsClosed = true;

        var relationships = new List<(string, string, string)>();
        if (charts.Count > 0)
        {
            var drawing = book.NextDrawing();
            var chartIds = charts.Select(_ => book.NextChart()).ToList();
            for (var i = 0; i < charts.Count; i++)
                book.SavePart($"xl/charts/chart{chartIds[i]}.xml", XlsxPackage.Chart, XlsxCharts.ChartSpace(charts[i], this, dataEnd));
            book.SavePart($"xl/drawings/drawing{drawing}.xml", XlsxPackage.Drawing, XlsxCharts.Anchors(charts, Columns.Count));
            book.SaveRelationships($"xl/drawings/_rels/drawing{drawing}.xml.rels",
                chartIds.Select((c, i) => ($"rId{i + 1}", XlsxPackage.ChartRel, $"../charts/chart{c}.xml")));
            relationships.Add(("rId1", XlsxPackage.DrawingRel, $"../drawings/drawing{drawing}.xml"));
        }
        if (tableId is not null)
        {
            book.SavePart($"xl/tables/table{tableId}.xml", XlsxPackage.Table, Table(range));
            relationships.Add(("rId2", XlsxPackage.TableRel, $"../tables/table{tableId}.xml"));
        }
        if (relationships.Count > 0) book.SaveRelationships($"xl/worksheets/_rels/sheet{sheetIndex + 1}.xml.rels", relationships);
    }

    internal string Letter(int column) => letters[column];
    internal IReadOnlyList<object?[]> ChartRows => chartRows;
    internal IReadOnlyList<XlsxColumn> Columns => columns;

    private Table Table(string range)
    {
        var name = $"T{tableId}_{new string(Name.Where(char.IsLetterOrDigit).ToArray())}";
        return new Table(
            new AutoFilter { Reference = range },
            new TableColumns(columns.Select((c, i) => new TableColumn { Id = (uint)i + 1, Name = XlsxValues.Clean(c.Header) })) { Count = (uint)columns.Count },
            new TableStyleInfo { Name = "TableStyleMedium2", ShowRowStripes = true, ShowColumnStripes = false, ShowFirstColumn = false, ShowLastColumn = false })
        { Id = (uint)tableId!.Value, Name = name, DisplayName = name, Reference = range, TotalsRowShown = false };
    }

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

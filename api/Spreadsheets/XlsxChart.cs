using System.Globalization;
using DocumentFormat.OpenXml;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

public enum XlsxChartKind { Column, Bar }

// A native clustered column (or bar) chart over the sheet's own columns: one category column (labels)
// and one series per value column, placed at the given cell (default: right of the data).
public sealed record XlsxChart(string Title, int CategoryColumn, IReadOnlyList<int> ValueColumns,
    XlsxChartKind Kind = XlsxChartKind.Column, int? AtColumn = null, int AtRow = 0, int Width = 9, int Height = 18);

internal static class XlsxCharts
{
    // Rows cached in the chart part: charts are for summary sheets, not for the raw data.
    public const int MaxPoints = 500;

    public static string Quote(string sheet) => $"'{sheet.Replace("'", "''")}'";

    // The drawing part placing each chart: side by side, right of the data unless told where.
    public static Xdr.WorksheetDrawing Anchors(IReadOnlyList<XlsxChart> charts, int columns)
    {
        var anchors = new Xdr.WorksheetDrawing();
        anchors.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        anchors.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        for (var i = 0; i < charts.Count; i++)
        {
            var spec = charts[i];
            var col = spec.AtColumn ?? columns + 1 + i * (spec.Width + 1);
            anchors.Append(new Xdr.TwoCellAnchor(
                Marker<Xdr.FromMarker>(col, spec.AtRow),
                Marker<Xdr.ToMarker>(col + spec.Width, spec.AtRow + spec.Height),
                new Xdr.GraphicFrame(
                    new Xdr.NonVisualGraphicFrameProperties(
                        new Xdr.NonVisualDrawingProperties { Id = (uint)i + 2, Name = $"Chart {i + 1}" },
                        new Xdr.NonVisualGraphicFrameDrawingProperties()),
                    new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                    new A.Graphic(new A.GraphicData(new C.ChartReference { Id = $"rId{i + 1}" })
                        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
                { Macro = "" },
                new Xdr.ClientData()));
        }
        return anchors;
    }

    private static T Marker<T>(int col, int row) where T : OpenXmlCompositeElement, new()
    {
        var m = new T();
        m.Append(new Xdr.ColumnId(col.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
            new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0"));
        return m;
    }

    public static C.ChartSpace ChartSpace(XlsxChart spec, XlsxSheet sheet, int dataEnd)
    {
        var first = sheet.HeaderRow + 1;
        var rows = sheet.ChartRows;
        var name = Quote(sheet.Name);
        string Range(int c) => $"{name}!${sheet.Letter(c)}${first}:${sheet.Letter(c)}${dataEnd}";
        var bar = new C.BarChart(
            new C.BarDirection { Val = spec.Kind == XlsxChartKind.Bar ? C.BarDirectionValues.Bar : C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var i = 0; i < spec.ValueColumns.Count; i++)
        {
            var v = spec.ValueColumns[i];
            bar.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)i }, new C.Order { Val = (uint)i },
                new C.SeriesText(new C.StringReference(new C.Formula($"{name}!${sheet.Letter(v)}${sheet.HeaderRow}"),
                    StringCache([sheet.Columns[v].Header]))),
                new C.InvertIfNegative { Val = false },
                new C.CategoryAxisData(new C.StringReference(new C.Formula(Range(spec.CategoryColumn)),
                    StringCache(rows.Select(r => Convert.ToString(At(r, spec.CategoryColumn), CultureInfo.InvariantCulture) ?? "").ToList()))),
                new C.Values(new C.NumberReference(new C.Formula(Range(v)), NumberCache(rows.Select(r => XlsxValues.AsNumber(At(r, v))).ToList())))));
        }
        bar.Append(new C.GapWidth { Val = 150 }, new C.AxisId { Val = 1001 }, new C.AxisId { Val = 1002 });

        var plot = new C.PlotArea(new C.Layout(), bar,
            new C.CategoryAxis(new C.AxisId { Val = 1001 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = spec.Kind == XlsxChartKind.Bar ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
                new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = 1002 },
                new C.Crosses { Val = C.CrossesValues.AutoZero }, new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center }, new C.LabelOffset { Val = 100 }),
            new C.ValueAxis(new C.AxisId { Val = 1002 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = spec.Kind == XlsxChartKind.Bar ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
                new C.MajorGridlines(), new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = 1001 },
                new C.Crosses { Val = C.CrossesValues.AutoZero }, new C.CrossBetween { Val = C.CrossBetweenValues.Between }));

        var title = new C.Title(new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(),
            new A.Paragraph(new A.Run(new A.RunProperties { Language = "en-US", Bold = true, FontSize = 1200 }, new A.Text(XlsxValues.Clean(spec.Title)))))),
            new C.Overlay { Val = false });
        var chart = new C.Chart(title, new C.AutoTitleDeleted { Val = false }, plot,
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
            new C.PlotVisibleOnly { Val = true }, new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });
        var space = new C.ChartSpace(new C.EditingLanguage { Val = "en-US" }, new C.RoundedCorners { Val = false }, chart);
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", XlsxPackage.RelationshipsNs);
        return space;
    }

    private static object? At(object?[] row, int i) => i < row.Length ? row[i] is XlsxCell c ? c.Value : row[i] : null;

    private static C.StringCache StringCache(List<string> values)
    {
        var cache = new C.StringCache(new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
            cache.Append(new C.StringPoint(new C.NumericValue(XlsxValues.Clean(values[i]))) { Index = (uint)i });
        return cache;
    }

    private static C.NumberingCache NumberCache(List<double?> values)
    {
        var cache = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
            if (values[i] is { } v)
                cache.Append(new C.NumericPoint(new C.NumericValue(v.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
        return cache;
    }
}

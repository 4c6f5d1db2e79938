using System.Globalization;
using DocumentFormat.OpenXml;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using A = DocumentFormat.OpenXml.Drawing;

namespace OutlookCrm.Api.Spreadsheets;

public enum XlsxChartKind { Column, Bar, Line }

// Where a sheet's charts go: under the totals row from column A, or right of the data from the header row;
// several charts of a sheet form a grid of PerRow charts.
public enum XlsxChartPlace { Below, Beside }

// A native chart over the sheet's own columns: one category column (labels) and one series per value column,
// over the data rows [FirstRow, FirstRow + Rows) (0 = the first data row; null = to the last). Series take the
// palette's colours in order (this year blue, last year orange); a line chart draws its second series dashed.
// Values get data labels when they are few enough to read (at most 30 points in all), not on line charts.
public sealed record XlsxChart(string Title, int CategoryColumn, IReadOnlyList<int> ValueColumns,
    XlsxChartKind Kind = XlsxChartKind.Column, XlsxChartPlace Place = XlsxChartPlace.Below, int FirstRow = 0, int? Rows = null,
    int WidthPx = 480, int HeightPx = 300, int PerRow = 2);

internal static class XlsxCharts
{
    public static string Quote(string sheet) => $"'{sheet.Replace("'", "''")}'";

    public static C.ChartSpace ChartSpace(XlsxChart spec, XlsxSheet sheet, int dataEnd)
    {
        var first = sheet.HeaderRow + 1 + spec.FirstRow;
        var last = spec.Rows is { } n ? Math.Min(first + n - 1, dataEnd) : dataEnd;
        var rows = sheet.ChartRows.Skip(spec.FirstRow).Take(Math.Max(0, last - first + 1)).ToList();
        var name = Quote(sheet.Name);
        string Range(int c) => $"{name}!${sheet.Letter(c)}${first}:${sheet.Letter(c)}${Math.Max(first, last)}";
        var labels = spec.Kind != XlsxChartKind.Line && rows.Count * spec.ValueColumns.Count <= 30;
        var line = spec.Kind == XlsxChartKind.Line;

        OpenXmlCompositeElement group = line
            ? new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false })
            : new C.BarChart(new C.BarDirection { Val = spec.Kind == XlsxChartKind.Bar ? C.BarDirectionValues.Bar : C.BarDirectionValues.Column },
                new C.BarGrouping { Val = C.BarGroupingValues.Clustered }, new C.VaryColors { Val = false });
        for (var i = 0; i < spec.ValueColumns.Count; i++)
        {
            var v = spec.ValueColumns[i];
            var colour = XlsxPalette.Series[i % XlsxPalette.Series.Length];
            var text = new C.SeriesText(new C.StringReference(new C.Formula($"{name}!${sheet.Letter(v)}${sheet.HeaderRow}"),
                StringCache([sheet.Columns[v].Header])));
            var categories = new C.CategoryAxisData(new C.StringReference(new C.Formula(Range(spec.CategoryColumn)),
                StringCache(rows.Select(r => Label(At(r, spec.CategoryColumn))).ToList())));
            var values = new C.Values(new C.NumberReference(new C.Formula(Range(v)),
                NumberCache(rows.Select(r => XlsxValues.AsNumber(At(r, v))).ToList())));
            if (line)
                group.Append(new C.LineChartSeries(new C.Index { Val = (uint)i }, new C.Order { Val = (uint)i }, text,
                    new C.ChartShapeProperties(Outline(colour, 28575, i == 1 ? A.PresetLineDashValues.SystemDash : A.PresetLineDashValues.Solid)),
                    new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.None }), categories, values, new C.Smooth { Val = false }));
            else
            {
                var series = new C.BarChartSeries(new C.Index { Val = (uint)i }, new C.Order { Val = (uint)i }, text,
                    new C.ChartShapeProperties(Solid(colour)), new C.InvertIfNegative { Val = false });
                if (labels) series.Append(DataLabels(LabelFormat(sheet.Columns[v].Style)));
                series.Append(categories, values);
                group.Append(series);
            }
        }
        if (line) group.Append(new C.ShowMarker { Val = true });
        else group.Append(new C.GapWidth { Val = 80 });
        group.Append(new C.AxisId { Val = 1001 }, new C.AxisId { Val = 1002 });

        var horizontal = spec.Kind == XlsxChartKind.Bar;
        var plot = new C.PlotArea(new C.Layout(), group,
            new C.CategoryAxis(new C.AxisId { Val = 1001 }, new C.Scaling(new C.Orientation
                    { Val = horizontal ? C.OrientationValues.MaxMin : C.OrientationValues.MinMax }),
                new C.Delete { Val = false }, new C.AxisPosition { Val = horizontal ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
                new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                new C.MajorTickMark { Val = C.TickMarkValues.None }, new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
                new C.ChartShapeProperties(Outline(XlsxPalette.Axis, 9525)), TextProperties(800, false),
                new C.CrossingAxis { Val = 1002 }, new C.Crosses { Val = C.CrossesValues.AutoZero }, new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center }, new C.LabelOffset { Val = 100 }),
            new C.ValueAxis(new C.AxisId { Val = 1002 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false }, new C.AxisPosition { Val = horizontal ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
                new C.MajorGridlines(new C.ChartShapeProperties(Outline(XlsxPalette.Gridlines, 12700))),
                new C.NumberingFormat { FormatCode = LabelFormat(sheet.Columns[spec.ValueColumns[0]].Style), SourceLinked = false },
                new C.MajorTickMark { Val = C.TickMarkValues.None }, new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.ChartShapeProperties(new A.Outline(new A.NoFill())), TextProperties(800, false),
                new C.CrossingAxis { Val = 1001 }, new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between }),
            new C.ShapeProperties(Solid(XlsxPalette.PlotArea)));

        var title = new C.Title(new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(),
                new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 1100, Bold = true }),
                    new A.Run(new A.RunProperties { Language = "en-US", FontSize = 1100, Bold = true }, new A.Text(XlsxValues.Clean(spec.Title)))))),
            new C.Overlay { Val = false });
        var chart = new C.Chart(title, new C.AutoTitleDeleted { Val = false }, plot,
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }, TextProperties(900, false)),
            new C.PlotVisibleOnly { Val = true }, new C.DisplayBlanksAs { Val = line ? C.DisplayBlanksAsValues.Gap : C.DisplayBlanksAsValues.Zero });
        var space = new C.ChartSpace(new C.EditingLanguage { Val = "en-US" }, new C.RoundedCorners { Val = false }, chart,
            new C.ChartShapeProperties(Solid("FFFFFF"), Outline("D9D9D9", 9525)), TextProperties(900, false));
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", XlsxPackage.RelationshipsNs);
        return space;
    }

    private static C.DataLabels DataLabels(string format) => new(
        new C.NumberingFormat { FormatCode = format, SourceLinked = false },
        new C.ChartShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())), TextProperties(800, false),
        new C.DataLabelPosition { Val = C.DataLabelPositionValues.OutsideEnd },
        new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = true }, new C.ShowCategoryName { Val = false },
        new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = false }, new C.ShowBubbleSize { Val = false });

    // Labels and value axis read like the cells: whole amounts in euros, one decimal, percentages.
    private static string LabelFormat(XlsxStyle style) => style switch
    {
        XlsxStyle.Currency or XlsxStyle.TotalCurrency => "#,##0\\ \"€\"",
        XlsxStyle.Decimal or XlsxStyle.Decimal1 or XlsxStyle.TotalDecimal or XlsxStyle.TotalDecimal1 => "#,##0.0",
        XlsxStyle.Percent or XlsxStyle.TotalPercent => "0.0%",
        _ => "#,##0",
    };

    private static A.SolidFill Solid(string rgb) => new(new A.RgbColorModelHex { Val = rgb });

    private static A.Outline Outline(string rgb, int width, A.PresetLineDashValues? dash = null)
    {
        var outline = new A.Outline(Solid(rgb)) { Width = width, CapType = A.LineCapValues.Round };
        if (dash is { } d) outline.Append(new A.PresetDash { Val = d });
        outline.Append(new A.Round());
        return outline;
    }

    private static C.TextProperties TextProperties(int size, bool bold) => new(new A.BodyProperties(), new A.ListStyle(),
        new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties(Solid(XlsxPalette.Text)) { FontSize = size, Bold = bold }),
            new A.EndParagraphRunProperties { Language = "en-US" }));

    private static object? At(object?[] row, int i) => i < row.Length ? row[i] is XlsxCell c ? c.Value : row[i] : null;

    private static string Label(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

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

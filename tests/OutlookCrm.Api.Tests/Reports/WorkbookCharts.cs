using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace OutlookCrm.Api.Tests.Reports;

// What the file declares about each sheet's charts: title, the series' own colours, and where the chart sits
// (its top-left corner in screen pixels, from the sheet's column widths and row heights).
public sealed record DeclaredChart(string Sheet, string Title, List<int> SeriesColours, double LeftPx, double TopPx);

public static class WorkbookCharts
{
    public static List<DeclaredChart> Read(SpreadsheetDocument doc)
    {
        var book = doc.WorkbookPart!;
        var charts = new List<DeclaredChart>();
        foreach (var sheet in book.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            if (part.DrawingsPart is not { } drawing) continue;
            var widths = part.Worksheet.Descendants<Column>().ToDictionary(c => (int)c.Min!.Value - 1, c => c.Width!.Value * 7 + 5);
            var heights = part.Worksheet.Descendants<Row>().Where(r => r.Height is not null)
                .ToDictionary(r => (int)r.RowIndex!.Value - 1, r => r.Height!.Value / 0.75);
            foreach (var anchor in drawing.WorksheetDrawing.Elements<Xdr.TwoCellAnchor>())
            {
                var id = anchor.Descendants<C.ChartReference>().Single().Id!.Value!;
                var space = ((ChartPart)drawing.GetPartById(id)).ChartSpace;
                var colours = space.Descendants<C.BarChartSeries>().Select(s => s.ChartShapeProperties?.GetFirstChild<A.SolidFill>())
                    .Concat(space.Descendants<C.LineChartSeries>().Select(s => s.ChartShapeProperties?.GetFirstChild<A.Outline>()?.GetFirstChild<A.SolidFill>()))
                    .Select(f => f?.RgbColorModelHex?.Val?.Value is { } hex ? Convert.ToInt32(hex, 16) : -1).ToList();
                var title = string.Concat(space.GetFirstChild<C.Chart>()!.Title!.Descendants<A.Text>().Select(t => t.Text));
                var from = anchor.FromMarker!;
                int Index(DocumentFormat.OpenXml.OpenXmlLeafTextElement e) => int.Parse(e.Text);
                var left = Enumerable.Range(0, Index(from.ColumnId!)).Sum(c => widths.GetValueOrDefault(c, 64)) + long.Parse(from.ColumnOffset!.Text) / 9525.0;
                var top = Enumerable.Range(0, Index(from.RowId!)).Sum(r => heights.GetValueOrDefault(r, 20)) + long.Parse(from.RowOffset!.Text) / 9525.0;
                charts.Add(new DeclaredChart(sheet.Name!.Value!, title, colours, left, top));
            }
        }
        return charts;
    }
}

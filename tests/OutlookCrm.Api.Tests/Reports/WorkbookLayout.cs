using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Tests.Reports;

// The layout rules of every workbook sheet, read from the file: headers shown whole, frozen headers, charts in the
// first screen (1280 × 720 pixels), landscape print one page wide with the header row repeated.
public static class WorkbookLayout
{
    public static void AssertReadable(SpreadsheetDocument doc)
    {
        var book = doc.WorkbookPart!;
        var printTitles = book.Workbook.DefinedNames!.Elements<DefinedName>().Where(d => d.Name == "_xlnm.Print_Titles")
            .ToDictionary(d => (int)d.LocalSheetId!.Value, d => d.Text);
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        for (var i = 0; i < sheets.Count; i++)
        {
            var name = sheets[i].Name!.Value!;
            var ws = ((WorksheetPart)book.GetPartById(sheets[i].Id!)).Worksheet;
            var header = ws.Descendants<Row>().Single(r => r.RowIndex!.Value == 3);
            var widths = ws.Descendants<Column>().Select(c => c.Width!.Value).ToList();
            var titles = header.Elements<Cell>().Select(c => c.InnerText).ToList();
            for (var c = 0; c < titles.Count; c++)
            {
                Assert.IsTrue(widths[c] >= titles[c].Split(' ').Max(w => w.Length), $"{name}: '{titles[c]}' has a word wider than its column");
                var lines = Math.Ceiling(titles[c].Length / widths[c]);
                Assert.IsTrue(header.CustomHeight?.Value == true && header.Height!.Value >= lines * 14.5,
                    $"{name}: the header row ({header.Height?.Value} pt) is too short for '{titles[c]}' at width {widths[c]}");
            }
            var pane = ws.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single();
            Assert.AreEqual(PaneStateValues.Frozen, pane.State!.Value, name);
            Assert.AreEqual(3.0, pane.VerticalSplit!.Value, $"{name}: the header rows stay in view");
            if (name is "Summary" or "Territories" or "Effort") Assert.AreEqual(1.0, pane.HorizontalSplit?.Value, $"{name}: the rep stays in view");

            Assert.IsTrue(ws.GetFirstChild<SheetProperties>()?.PageSetupProperties?.FitToPage?.Value == true, name);
            var setup = ws.GetFirstChild<PageSetup>()!;
            Assert.AreEqual(OrientationValues.Landscape, setup.Orientation!.Value, name);
            Assert.AreEqual(1u, setup.FitToWidth!.Value, $"{name}: one page wide");
            Assert.AreEqual(name is "Summary" or "Pipeline" or "Effort" or "Commissions" or "Forecast" ? 1u : 0u, setup.FitToHeight!.Value, name);
            var headerFooter = ws.GetFirstChild<HeaderFooter>()!;
            StringAssert.Contains(headerFooter.OddHeader!.Text, "Sales performance");
            StringAssert.Contains(headerFooter.OddFooter!.Text, "&P of &N");
            Assert.AreEqual($"'{name}'!$3:$3", printTitles[i], $"{name}: the header row printed on every page");
        }
        foreach (var chart in WorkbookCharts.Read(doc).GroupBy(c => c.Sheet).Select(g => g.First()))
            Assert.IsTrue(chart.LeftPx < 1280 - 300 && chart.TopPx < 720 - 200,
                $"{chart.Sheet}: the first chart starts at ({chart.LeftPx:0}, {chart.TopPx:0}) px, outside the first screen");
    }
}

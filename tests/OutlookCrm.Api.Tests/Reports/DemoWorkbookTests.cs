using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Demo;
using OutlookCrm.Api.Spreadsheets;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

// The managers' workbook on the demo data, opened and printed as a manager would: LibreOffice prints it to PDF
// with the file's own print set-up, and the pages are read as text and as pixels.
[TestClass]
public sealed class DemoWorkbookTests
{
    private static readonly string Dir = Directory.CreateTempSubdirectory("demo-workbook-").FullName;
    private static string? xlsx;

    [ClassInitialize]
    public static async Task Download(TestContext _)
    {
        using var app = new CrmApp(Provider.Sqlite);
        app.CreateClient().Dispose();
        User manager;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await DemoData.SeedAsync(db, NullLogger.Instance);
            manager = await db.Users.AsNoTracking().SingleAsync(u => u.Role == UserRole.Manager);
        }
        var response = await app.ClientFor(manager).GetAsync("/api/reports/performance.xlsx");
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        xlsx = Path.Combine(Dir, "performance.xlsx");
        await File.WriteAllBytesAsync(xlsx, await response.Content.ReadAsByteArrayAsync());
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(Dir, true);

    [TestMethod]
    public void OnTheDemoDataEverySheetIsValidAndHasRows()
    {
        using var doc = SpreadsheetDocument.Open(xlsx!, false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath} {e.Description}").ToList();
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        Assert.IsNotNull(doc.WorkbookPart!.ThemePart, "a theme part: without one LibreOffice draws theme-coloured series as nothing");
        foreach (var sheet in doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            var rows = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            // Title, blank, header, at least one data row, totals.
            Assert.IsTrue(rows.Count(r => r.RowIndex! > 3u) - 1 >= 1, $"sheet {sheet.Name} is empty on the demo data");
        }
    }

    [TestMethod]
    public async Task TheDemoWorkbookPrintsOnAtMostTwentyLandscapePagesWithEveryChartInItsOwnColours()
    {
        List<DeclaredChart> charts;
        using (var doc = SpreadsheetDocument.Open(xlsx!, false))
            charts = WorkbookCharts.Read(doc);
        Assert.IsTrue(charts.Count >= 8, $"charts: {charts.Count}");
        foreach (var chart in charts)
            Assert.IsTrue(chart.SeriesColours.Count > 0 && chart.SeriesColours.All(c => XlsxPalette.Series.Select(h => Convert.ToInt32(h, 16)).Contains(c)),
                $"'{chart.Title}': every series has its own colour from the colour-blind-safe palette");

        var pdf = await RenderedPdf.FromXlsxAsync(xlsx!, Dir);
        Assert.IsTrue(pdf.Pages.Count <= 20, $"{pdf.Pages.Count} pages");
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            StringAssert.StartsWith(RenderedPdf.HeaderLine(pdf.Pages[i]), "Sales performance", $"page {i + 1}: the report's title on top");
            StringAssert.Contains(pdf.Pages[i], $"Page {i + 1} of {pdf.Pages.Count}", "the footer numbers the pages");
        }
        Assert.AreEqual(1, pdf.PagesOf("Summary").Count, "the Summary fits on one page");
        var forecast = pdf.PagesOf("Forecast");
        Assert.AreEqual(1, forecast.Count, "the Forecast, per rep and per territory, fits on one page");
        StringAssert.Contains(pdf.Pages[forecast[0]], "per territory and month of expected close", "the per-territory table is printed");
        var activities = pdf.PagesOf("Activities");
        Assert.IsTrue(activities.Count > 1, "the raw rows run over several pages");
        foreach (var page in activities)
            StringAssert.Contains(pdf.Pages[page], "Start (local)", $"page {page + 1}: the header row is repeated");
        Assert.AreEqual(pdf.Pages.Count, new[] { "Summary", "Clients per week", "Territories", "Pipeline", "Alerts", "Untouched clients", "Effort",
                "Orders", "Commissions", "Forecast", "Activities" }
            .Sum(s => pdf.PagesOf(s).Count), "every page belongs to a sheet");

        // Each chart's plot area (the palette's grey) holds the colours of its own series, as drawn.
        foreach (var sheet in charts.GroupBy(c => c.Sheet))
        {
            var first = pdf.PagesOf(sheet.Key).First();
            var image = await pdf.RenderAsync(first);
            Assert.IsTrue(image.Width > image.Height, $"{sheet.Key}: landscape");
            var plots = image.Regions(Convert.ToInt32(XlsxPalette.PlotArea, 16));
            Assert.AreEqual(sheet.Count(), plots.Count, $"{sheet.Key}: one plot area drawn per chart, on the sheet's first page");
            foreach (var (chart, plot) in sheet.OrderBy(c => Math.Round(c.TopPx / 20)).ThenBy(c => c.LeftPx).Zip(plots))
                foreach (var colour in chart.SeriesColours)
                    Assert.IsTrue(image.Count(colour, plot) >= 15, $"'{chart.Title}': series colour {colour:X6} drawn in its plot area");
        }
    }
}

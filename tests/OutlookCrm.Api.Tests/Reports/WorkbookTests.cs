using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

public abstract class WorkbookTests : ReportTest
{
    [TestMethod]
    public async Task AManagersWorkbookIsValidAndOpensWithEveryFigureFormatted()
    {
        _ = Data;
        var response = await As(Team.NorthManager).GetAsync($"/api/reports/performance.xlsx?{P1}");
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.AreEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), $"performance-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            using (var doc = SpreadsheetDocument.Open(path, false))
            {
                var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath} {e.Description}").ToList();
                Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
                CollectionAssert.AreEqual(new[] { "Summary", "Territories", "Pipeline", "Alerts", "Untouched clients", "Effort", "Activities" },
                    doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToArray());
                Assert.IsTrue(doc.WorkbookPart.WorksheetParts.Sum(w => w.DrawingsPart?.ChartParts.Count() ?? 0) >= 3, "native charts");
            }

            var sheets = await LibreOffice.SheetsAsCsv(path);
            string[] Row(string sheet, string first) => sheets[sheet].Single(r => r[0] == first);
            string Cell(string sheet, string first, string column) => Row(sheet, first)[Array.IndexOf(sheets[sheet][2], column)];

            Assert.AreEqual("2", Cell("Summary", "rep-a", "Clients seen"));
            Assert.AreEqual("1.33", Cell("Summary", "rep-a", "Seen per week"));
            Assert.AreEqual("12,000.50", Cell("Summary", "rep-a", "Won amount"));
            Assert.AreEqual("109.1%", Cell("Summary", "rep-a", "Objective achieved"));
            Assert.AreEqual("4", Cell("Summary", "Total", "Clients seen"), "the total row adds the reps up");
            Assert.AreEqual("3", Cell("Territories", "North", "Clients seen"));
            Assert.AreEqual("66.7%", Cell("Pipeline", "Cold", "Conversion from previous stage"));
            Assert.AreEqual("6.30", Cell("Pipeline", "To follow", "Average days (stays ended in period)"));
            Assert.AreEqual("2025-11-15", Cell("Untouched clients", "R-C5 untouched", "Last contact"));
            Assert.AreEqual("5.50", Cell("Effort", "rep-a", "Hours per signature"));
            Assert.IsTrue(sheets["Alerts"].Any(r => r.Contains("D2") && r.Contains("Stage too long")));

            // Raw rows: rep A's 8 activities of P1 (planned and task included, deleted not) and rep B's 2.
            var activities = sheets["Activities"];
            Assert.AreEqual("Total: 10", activities[^1][0]);
            var newYear = activities.Single(r => r.Length > 1 && r[1] == "2026-01-01 00:30");
            CollectionAssert.AreEqual(new[] { "2026-W01", "2026-01", "rep-a", "North", "R-C2", "Visit", "Done" }, newYear[2..9]);
            Assert.AreEqual("60", newYear[10], "no end time: the visit's default 60 minutes");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[TestClass] public sealed class WorkbookOnSqlite : WorkbookTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class WorkbookOnPostgreSql : WorkbookTests { protected override Provider Provider => Provider.PostgreSql; }

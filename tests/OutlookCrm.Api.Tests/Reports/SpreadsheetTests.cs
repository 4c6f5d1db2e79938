using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Tests.Reports;

[TestClass]
public sealed class SpreadsheetTests
{
    [TestMethod]
    public async Task AStreamedWorkbookIsValidAndOpensWithItsFormatsTotalsAndChart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sheet-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = File.Create(path))
            using (var book = XlsxBook.Create(file))
            {
                using (var sheet = book.AddSheet("Reps", [new("Rep", 20), new("Visits", 10, XlsxStyle.Integer),
                    new("Revenue", 14, XlsxStyle.Decimal), new("Share", 10, XlsxStyle.Percent), new("First visit", 12, XlsxStyle.Date)],
                    title: "Reps, 2026", charts: [new XlsxChart("Visits per rep", 0, [1, 2])]))
                {
                    sheet.Row("Anne", 12, 1234.5m, 0.125, new DateOnly(2026, 1, 5));
                    sheet.Row("Bruno \u0001<&>", 3, 10m, 0.875, new DateTime(2026, 2, 28, 9, 30, 0));
                    sheet.TotalsRow("Total", XlsxTotal.None, XlsxTotal.Sum, XlsxTotal.Sum, XlsxTotal.None, XlsxTotal.None);
                }
                using (var rawSheet = book.AddSheet("Raw [1/2]", [new("Id", 8, XlsxStyle.Integer), new("When", 17, XlsxStyle.DateTime)], table: false))
                    rawSheet.Row(1, new DateTime(2026, 3, 29, 1, 30, 0));
                using (book.AddSheet("Empty", [new("Nothing", 10)])) { }
            }

            using (var doc = SpreadsheetDocument.Open(path, false))
            {
                var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
                Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
                var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToArray();
                CollectionAssert.AreEqual(new[] { "Reps", "Raw -1-2-", "Empty" }, sheets);
                var first = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
                Assert.AreEqual(1, first.DrawingsPart!.ChartParts.Count(), "the native chart");
                Assert.AreEqual(1, first.TableDefinitionParts.Count(), "the Excel table");
                Assert.AreEqual("A3:E5", first.TableDefinitionParts.Single().Table.Reference!.Value);
            }

            var opened = await LibreOffice.SheetsAsCsv(path);
            var reps = opened["Reps"];
            CollectionAssert.AreEqual(new[] { "Reps, 2026", "", "", "", "" }, reps[0]);
            CollectionAssert.AreEqual(new[] { "Rep", "Visits", "Revenue", "Share", "First visit" }, reps[2]);
            CollectionAssert.AreEqual(new[] { "Anne", "12", "1,234.50", "12.5%", "2026-01-05" }, reps[3]);
            CollectionAssert.AreEqual(new[] { "Bruno <&>", "3", "10.00", "87.5%", "2026-02-28" }, reps[4]);
            CollectionAssert.AreEqual(new[] { "Total", "15", "1,244.50", "", "" }, reps[5]);
            var raw = opened["Raw -1-2-"];
            CollectionAssert.AreEqual(new[] { "1", "2026-03-29 01:30" }, raw[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

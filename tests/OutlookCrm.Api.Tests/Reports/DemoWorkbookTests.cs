using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Demo;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

[TestClass]
public sealed class DemoWorkbookTests
{
    [TestMethod]
    public async Task OnTheDemoDataEverySheetOfTheManagersWorkbookHasRows()
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
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var book = doc.WorkbookPart!;
        foreach (var sheet in book.Workbook.Sheets!.Elements<Sheet>())
        {
            var rows = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            // Title, blank, header, at least one data row, totals (Activities: header, data, totals).
            var dataRows = rows.Count(r => r.RowIndex! > (sheet.Name == "Activities" ? 1u : 3u)) - 1;
            Assert.IsTrue(dataRows >= 1, $"sheet {sheet.Name} is empty on the demo data");
        }
    }
}

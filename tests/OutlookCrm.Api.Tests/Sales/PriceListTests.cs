using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Products;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

public abstract class PriceListTests : ApiTest
{
    private async Task<HttpResponseMessage> Import(HttpContent body, bool dryRun = false) =>
        await As(Team.NorthManager).PostAsync($"/api/products/import?dryRun={dryRun}", body);

    [TestMethod]
    public async Task APriceListImportsAfterADryRunAndImportingItAgainChangesNothing()
    {
        SalesSetup.EnsureFamilies(App, "Paint");
        var (a, b) = (SalesSetup.Unique("PA"), SalesSetup.Unique("PB"));
        var csv = $"Code;Name;Family;UnitPrice;VatRate;Active\n{a};Peinture blanche 10 L;Paint;89,90;20;oui\n{b};Rouleau;;4.5;5,5;\n";

        var dry = await (await Import(SalesSetup.Csv(csv), dryRun: true)).Read<ProductImportSummary>();
        Assert.AreEqual((2, 0, false), (dry.Created, dry.Errors.Count, dry.Committed));
        Assert.IsFalse(App.WithDb(db => db.Products.Any(p => p.Code == a)), "A dry run saves nothing.");

        var done = await (await Import(SalesSetup.Csv(csv))).Read<ProductImportSummary>();
        Assert.AreEqual((2, 0, 0, true), (done.Created, done.Updated, done.Unchanged, done.Committed));
        var again = await (await Import(SalesSetup.Csv(csv))).Read<ProductImportSummary>();
        Assert.AreEqual((0, 0, 2), (again.Created, again.Updated, again.Unchanged));

        var changed = await (await Import(SalesSetup.Csv(csv.Replace("89,90", "92,00")))).Read<ProductImportSummary>();
        Assert.AreEqual((0, 1, 1), (changed.Created, changed.Updated, changed.Unchanged));
        var list = await (await As(Team.RepA).GetAsync($"/api/products?q={a}")).Read<Page<ProductDto>>();
        Assert.AreEqual(92.00m, list.Items.Single().UnitPrice);
        Assert.AreEqual("Paint", list.Items.Single().ProductFamily);
    }

    [TestMethod]
    public async Task ABadLineRejectsTheWholeFileWithEachErrorOnItsLine()
    {
        var good = SalesSetup.Unique("PG");
        var csv = $"Code,Name,Family,UnitPrice,VatRate\n{good},Good,,10,20\nX1,Bad price,,\"1,234.50\",20\nX2,Unknown family,Nope,1,20\n{good},Duplicate,,1,20\nX3,Bad VAT,,1,120\n";
        var response = await Import(SalesSetup.Csv(csv));
        var problem = await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("summary").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString())).ToList();
        CollectionAssert.AreEquivalent(new[] { (3, "UnitPrice"), (4, "Family"), (5, "Code"), (6, "VatRate") }, errors);
        Assert.IsFalse(App.WithDb(db => db.Products.Any(p => p.Code == good)), "Nothing of a rejected file is saved.");
    }

    [TestMethod]
    public async Task AnExcelPriceListImportsLikeACsv()
    {
        var code = SalesSetup.Unique("PX");
        var response = await Import(new ByteArrayContent(Xlsx(["Code", "Name", "UnitPrice", "VatRate"], [code, "From Excel", 12.75, 20])));
        var summary = await response.Read<ProductImportSummary>();
        Assert.AreEqual(1, summary.Created, JsonSerializer.Serialize(summary));
        Assert.AreEqual(12.75m, App.WithDb(db => db.Products.Single(p => p.Code == code).UnitPrice));
    }

    [TestMethod]
    public async Task OnlyManagersChangeThePriceList()
    {
        await (await As(Team.RepA).PostAsync("/api/products/import", SalesSetup.Csv("Code;Name;UnitPrice;VatRate\nR1;x;1;20\n"))).AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.RepA).Post("/api/products", new { code = "R2", name = "x", unitPrice = 1, vatRate = 20 })).AssertProblem(HttpStatusCode.Forbidden);
    }

    // A one-sheet workbook: a header row of text and a row mixing text and numbers, as Excel stores them.
    private static byte[] Xlsx(string[] header, object[] row)
    {
        var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var sheet = book.AddNewPart<WorksheetPart>();
            static Cell C(object v) => v is string s
                ? new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) }
                : new Cell { CellValue = new CellValue(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!) };
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(header.Select(h => C(h))) { RowIndex = 1 }, new Row(row.Select(C)) { RowIndex = 2 }));
            book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(sheet), SheetId = 1, Name = "Prices" }));
        }
        return stream.ToArray();
    }
}

[TestClass] public sealed class PriceListOnSqlite : PriceListTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class PriceListOnPostgreSql : PriceListTests { protected override Provider Provider => Provider.PostgreSql; }

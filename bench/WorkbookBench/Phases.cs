using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Demo;
using OutlookCrm.Api.Reports;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.WorkbookBench;

public static class Phases
{
    private const int Columns = SampleRow.Columns; // as the workbook's Activities sheet

    private static readonly ILoggerFactory Logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
        .SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_SQL") is null ? LogLevel.Warning : LogLevel.Information));

    private static CrmDbContext Open(BenchOptions o) => new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>()
        .UseSqlite($"Data Source={o.Database}").UseLoggerFactory(Logs).Options);

    // The generator of the scale tests (api/Demo/DataGenerator): 25 activities per company, four of them done with a note.
    public static async Task<long> EnsureDataAsync(BenchOptions o)
    {
        if (File.Exists(o.Database))
        {
            await using var existing = Open(o);
            await existing.MigrateAsync(Logs.CreateLogger("bench")); // a file from an older build gets the new indexes
            var n = await existing.Activities.LongCountAsync();
            if (n >= o.Activities) return n;
            File.Delete(o.Database);
        }
        await using var db = Open(o);
        await db.MigrateAsync(Logs.CreateLogger("bench"));
        var companies = (o.Activities + BenchOptions.ActivitiesPerCompany - 1) / BenchOptions.ActivitiesPerCompany;
        await DataGenerator.RunAsync(db, new DataGenerator.Size(companies, ContactsPerCompany: 0,
            ActivitiesPerCompany: BenchOptions.ActivitiesPerCompany, NotesPerCompany: 4, Reps: 50, Territories: 5), Logs.CreateLogger("generate"));
        return await db.Activities.LongCountAsync();
    }

    // The endpoint's code over every activity: an admin's workbook for two years back and three months ahead.
    public static async Task<(long, long, double, string)> ExportAsync(BenchOptions o)
    {
        await using var db = Open(o);
        await using var side = Open(o); // as the endpoint: a second context counts the activity figures beside the other queries
        await using var rowsDb = Open(o); // and a third streams the activity rows meanwhile
        var caller = new Caller(1, "bench", UserRole.Admin, null, true, [], false);
        var options = new ReportOptions();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var scope = await ReportScope.ResolveAsync(db, caller, null, null);
        var period = ReportPeriod.Resolve(today.AddDays(-732), today.AddDays(92), options.Zone(), DateTime.UtcNow);
        var file = Output(o, "workbook");
        var clock = Stopwatch.StartNew();
        int rows;
        await using (var stream = File.Create(file))
            rows = await PerformanceWorkbook.WriteAsync(stream, db, options, new AlertOptions(), scope, period, DateTime.UtcNow,
                Logs.CreateLogger("OutlookCrm.Reports"), side, rowsDb: rowsDb);
        return (rows, (long)rows * Columns, clock.Elapsed.TotalSeconds, file);
    }

    // The reference: the Open XML SDK's usual streaming recipe (SpreadsheetDocument, OpenXmlWriter on the part).
    public static (long, long, double, string) Bare(BenchOptions o)
    {
        var file = Output(o, "bare");
        var clock = Stopwatch.StartNew();
        using (var doc = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var w = OpenXmlWriter.Create(sheet))
            {
                w.WriteStartElement(new Worksheet());
                w.WriteStartElement(new SheetData());
                for (var i = 0; i < o.Activities; i++)
                {
                    w.WriteStartElement(new Row());
                    foreach (var value in Sample(i))
                    {
                        if (value is string s)
                        {
                            w.WriteStartElement(new Cell { DataType = CellValues.InlineString });
                            w.WriteElement(new InlineString(new Text(s)));
                        }
                        else
                        {
                            w.WriteStartElement(new Cell());
                            w.WriteElement(new CellValue(Convert.ToDouble(value)));
                        }
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                w.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Activities", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }
        return (o.Activities, (long)o.Activities * Columns, clock.Elapsed.TotalSeconds, file);
    }

    // The shared xlsx helper alone (no database), same cells: separates writing from querying.
    public static (long, long, double, string) Helper(BenchOptions o)
    {
        var file = Output(o, "helper");
        var clock = Stopwatch.StartNew();
        using (var stream = File.Create(file))
        using (var book = XlsxBook.Create(stream))
        using (var sheet = book.AddSheet("Activities", Enumerable.Range(0, Columns).Select(c => new XlsxColumn($"C{c}", 10)).ToList()))
            for (var i = 0; i < o.Activities; i++) sheet.Row(Sample(i));
        return (o.Activities, (long)o.Activities * Columns, clock.Elapsed.TotalSeconds, file);
    }

    private static object[] Sample(int i) => SampleRow.Values(i);

    private static string Output(BenchOptions o, string name)
    {
        Directory.CreateDirectory(o.Output);
        return Path.Combine(o.Output, $"{name}.xlsx");
    }
}

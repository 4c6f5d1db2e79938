using System.Diagnostics;
using ClosedXML.Excel;
using OutlookCrm.WorkbookBench;

// The same 1,000,000 activity rows × 12 cells as the bare and helper phases, written with ClosedXML 0.95.4 the
// usual way (a workbook built in memory, then SaveAs), with the header, formats and widths of the Activities sheet.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.Output);
var file = Path.Combine(options.Output, "closedxml.xlsx");
var clock = Stopwatch.StartNew();
var written = 0;
try
{
using (var book = new XLWorkbook())
{
    var sheet = book.AddWorksheet("Activities");
    for (var c = 0; c < SampleRow.Columns; c++) sheet.Cell(1, c + 1).Value = $"C{c}";
    sheet.Row(1).Style.Font.Bold = true;
    for (var i = 0; i < options.Activities; i++)
    {
        var row = SampleRow.Values(i);
        for (var c = 0; c < row.Length; c++) sheet.Cell(i + 2, c + 1).Value = row[c];
        written++;
    }
    sheet.Column(2).Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
    sheet.SheetView.FreezeRows(1);
    book.SaveAs(file);
}
}
catch (OutOfMemoryException)
{
    // Under a heap limit (DOTNET_GCHeapHardLimit) the in-memory workbook stops here: say how far it got.
    Console.WriteLine($"closedxml: out of memory after {written:N0} rows in {clock.Elapsed.TotalSeconds:0} s, peak {Measure.PeakMegabytes():0} MB");
    return 3;
}
Measure.Report("closedxml", (options.Activities, (long)options.Activities * SampleRow.Columns, clock.Elapsed.TotalSeconds, file));
return 0;

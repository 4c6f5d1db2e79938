using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Tests.Reports;

[TestClass]
public sealed class SpreadsheetTests
{
    [TestMethod]
    public void ASecondTableUnderTheFirstHasItsOwnTitleHeaderTotalsAndTablePart()
    {
        using var stream = new MemoryStream();
        using (var book = XlsxBook.Create(stream))
        {
            using (var sheet = book.AddSheet("Forecast", [new("Rep", 20), new("Open", 12, XlsxStyle.Integer)], title: "Per rep"))
            {
                sheet.Row("Anne", 1);
                sheet.Row("Bruno", 2);
                sheet.TotalsRow("Total", XlsxTotal.None, XlsxTotal.Sum);
                Assert.ThrowsExactly<ArgumentException>(() => sheet.NextTable([new("Territory", 20)]), "one column short");
                Assert.ThrowsExactly<ArgumentException>(() => sheet.NextTable([new("Territory", 20), new("Openandclosedamounts", 12)]), "a word wider than the column");
                sheet.NextTable([new("Territory", 20), new("Open", 12, XlsxStyle.Integer)], "Per territory");
                sheet.Row("North", 3);
                sheet.Row("South", 4);
                sheet.TotalsRow("Total", XlsxTotal.None, XlsxTotal.Sum);
            }
            using var charted = book.AddSheet("Charted", [new("Rep", 20), new("Open", 12)], charts: [new XlsxChart("Open", 0, [1])]);
            charted.Row("Anne", 1);
            Assert.ThrowsExactly<InvalidOperationException>(() => charted.NextTable([new("Rep", 20), new("Open", 12)]), "a chart reads the first table");
        }

        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        var part = (WorksheetPart)doc.WorkbookPart!.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        CollectionAssert.AreEqual(new[] { "A3:B5", "A9:B11" }, part.TableDefinitionParts.Select(t => t.Table.Reference!.Value).Order().ToArray());
        var cells = part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c);
        Assert.AreEqual("Per territory", cells["A8"].InnerText);
        Assert.AreEqual("Territory", cells["A9"].InnerText);
        Assert.AreEqual("SUBTOTAL(109,B4:B5)", cells["B6"].CellFormula!.Text);
        Assert.AreEqual("3", cells["B6"].CellValue!.Text, "the first table's total");
        Assert.AreEqual("SUBTOTAL(109,B10:B11)", cells["B12"].CellFormula!.Text);
        Assert.AreEqual("7", cells["B12"].CellValue!.Text, "the second table's total counts its own rows only");
    }

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

    // Past Excel's 1,048,576 rows the rows go on in a second sheet, and everything is streamed: by the time the
    // first sheet is full its rows have already left for the output, and the managed heap holds none of them.
    // Alone: the managed heap is the whole test process's, and other classes' tests would fill it.
    [TestMethod, DoNotParallelize]
    public void PastExcelsLastRowTheRowsGoOnInASecondStreamedSheet()
    {
        const int rows = XlsxSheet.MaxRow + 3;
        var path = Path.Combine(Path.GetTempPath(), $"split-{Guid.NewGuid():N}.xlsx");
        try
        {
            // The growth of the heap while writing: the process also holds what earlier test classes left behind.
            long writtenAtSplit = 0, heapAtSplit = 0, heapBefore = GC.GetTotalMemory(true);
            using (var file = new ForwardOnlyStream(File.Create(path)))
            {
                using (var book = XlsxBook.Create(file))
                using (var sheet = new XlsxSplitSheet(part => book.AddSheet(part == 1 ? "Rows" : $"Rows {part}",
                    [new("Id", 10, XlsxStyle.Integer), new("Label", 12)]), s => s.TotalsRow("Total", XlsxTotal.Count, XlsxTotal.None)))
                {
                    for (var i = 1; i <= rows; i++)
                    {
                        if (i == XlsxSheet.MaxRow - 1 && sheet.Parts == 1)
                            (writtenAtSplit, heapAtSplit) = (file.Written, GC.GetTotalMemory(true) - heapBefore);
                        sheet.Row(i, "row");
                    }
                    Assert.AreEqual(2, sheet.Parts);
                    sheet.Complete();
                }
            }
            Assert.IsTrue(writtenAtSplit > 3_000_000, $"only {writtenAtSplit:N0} bytes out when the first sheet was full: rows are held back");
            Assert.IsTrue(heapAtSplit < 64 * 1024 * 1024, $"managed heap grew by {heapAtSplit:N0} bytes with a million rows written");

            using var doc = SpreadsheetDocument.Open(path, false);
            var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            CollectionAssert.AreEqual(new[] { "Rows", "Rows 2" }, sheets.Select(s => s.Name!.Value).ToArray());
            var (first, second) = (RowNumbers(doc, sheets[0]), RowNumbers(doc, sheets[1]));
            Assert.AreEqual(XlsxSheet.MaxRow, first.Count, "the first sheet is full: header, data, totals");
            Assert.AreEqual((uint)XlsxSheet.MaxRow, first[^1], "its totals on Excel's last row");
            var inFirst = XlsxSheet.MaxRow - 2;
            CollectionAssert.AreEqual(Enumerable.Range(1, rows - inFirst + 2).Select(i => (uint)i).ToList(), second,
                "the second sheet: header, the remaining rows, totals");
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Row numbers read with the SDK's streaming reader (a DOM of a million rows would not prove anything here).
    private static List<uint> RowNumbers(SpreadsheetDocument doc, Sheet sheet)
    {
        var numbers = new List<uint>();
        using var reader = OpenXmlReader.Create((WorksheetPart)doc.WorkbookPart!.GetPartById(sheet.Id!));
        while (reader.Read())
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                numbers.Add(uint.Parse(reader.Attributes.Single(a => a.LocalName == "r").Value!));
        return numbers;
    }

    // Like an HTTP response body: it can only be written forward, and counts what went through.
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { inner.Write(buffer, offset, count); Written += count; }
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}

using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// Streaming xlsx writer shared by every export (reports, CSV/xlsx exports of companies, contacts, activities).
//
//   using (var book = XlsxBook.Create(stream))            // any writable stream, even a forward-only one
//   {
//       using (var sheet = book.AddSheet("Activities", [
//           new XlsxColumn("Date", 12, XlsxStyle.Date),
//           new XlsxColumn("Rep", 22),
//           new XlsxColumn("Minutes", 10, XlsxStyle.Integer)],
//           table: true,                                                   // bold frozen header + Excel table
//           charts: [new XlsxChart("Minutes per day", 0, [2])]))           // optional native chart of this sheet
//       {
//           foreach (var a in rows) sheet.Row(a.Date, a.Rep, a.Minutes);   // string, numbers, DateTime, DateOnly, bool, null
//           sheet.TotalsRow("Total", XlsxTotal.None, XlsxTotal.None, XlsxTotal.Sum);  // bold SUBTOTALs under the data
//       }                                                                  // one sheet at a time: dispose it first
//   }                                                                      // disposing the book writes the workbook part
//
// Why not SpreadsheetDocument: the Open XML SDK 2.20 needs a readable package, and System.IO.Packaging then
// keeps every part being written in memory (a million rows = hundreds of MB). Here the zip is written in
// create mode, one entry after the other: rows are written as UTF-8 bytes (XlsxXml) straight into the deflate
// stream (strings inline, no shared-string table), and the small parts (styles, tables, charts, workbook) are the
// SDK's own DOM classes saved after. Memory stays flat whatever the row count.
public sealed class XlsxBook : IDisposable
{
    private readonly ZipArchive zip;
    private readonly List<(string Name, string Part, bool AtEnd)> sheets = [];
    private readonly List<(string Part, string ContentType)> overrides = [];
    private readonly List<(string Name, int Sheet, string Reference)> definedNames = [];
    private XlsxSheet? open;
    private int tables, drawings, charts;

    private XlsxBook(Stream stream, XlsxPrintHeader? header)
    {
        zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        PrintHeader = header;
        SavePart("xl/styles.xml", XlsxPackage.Styles, XlsxStyles.Build());
        using (var s = new StreamWriter(zip.CreateEntry("xl/theme/theme1.xml", CompressionLevel.Fastest).Open()))
            s.Write(XlsxTheme.Xml());
        overrides.Add(("/xl/theme/theme1.xml", XlsxPackage.Theme));
    }

    // header: the title and period printed at the top of every page (null: the sheet's name only).
    public static XlsxBook Create(Stream stream, XlsxPrintHeader? header = null) => new(stream, header);

    internal XlsxPrintHeader? PrintHeader { get; }

    public int SheetCount => sheets.Count;

    // Starts a sheet: header row in bold, frozen, with the given widths. With table: true the data becomes an
    // Excel table (filter buttons, banded rows); otherwise the header gets an autofilter. A title goes in row 1.
    // atEnd: the sheet's tab goes after those of every sheet added without it, whenever they are written (a long sheet
    // of raw rows can be written first, while the figures of the others are still being computed).
    public XlsxSheet AddSheet(string name, IReadOnlyList<XlsxColumn> columns, bool table = true, string? title = null,
        IReadOnlyList<XlsxChart>? charts = null, XlsxSheetOptions? options = null, bool atEnd = false)
    {
        if (open is { IsClosed: false }) throw new InvalidOperationException($"Close sheet '{open.Name}' before adding '{name}'.");
        if (columns.Count == 0) throw new ArgumentException("A sheet needs at least one column.", nameof(columns));
        var index = sheets.Count;
        var part = $"xl/worksheets/sheet{index + 1}.xml";
        var safeName = SheetName(name, sheets.Select(s => s.Name));
        var selected = !atEnd && !sheets.Any(s => !s.AtEnd); // the first tab is the one shown on opening
        sheets.Add((safeName, part, atEnd));
        overrides.Add(("/" + part, XlsxPackage.Worksheet));
        open = new XlsxSheet(this, zip.CreateEntry(part, CompressionLevel.Fastest).Open(), safeName, (uint)index, columns,
            table ? NextTable() : null, title, charts ?? [], options ?? new XlsxSheetOptions(), selected);
        return open;
    }

    internal int NextTable() => ++tables;
    internal int NextDrawing() => ++drawings;
    internal int NextChart() => ++charts;

    // sheetIndex: the sheet's order of writing; the name gets its tab's position when the workbook part is written.
    internal void DefineName(string name, uint sheetIndex, string reference) => definedNames.Add((name, (int)sheetIndex, reference));

    internal void SavePart(string path, string contentType, OpenXmlPartRootElement root)
    {
        using (var s = zip.CreateEntry(path, CompressionLevel.Fastest).Open()) root.Save(s);
        overrides.Add(("/" + path, contentType));
    }

    internal void SaveRelationships(string path, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        using var s = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        XlsxPackage.WriteRelationships(s, relationships);
    }

    public void Dispose()
    {
        if (open is { IsClosed: false }) open.Dispose();
        // Tabs: the sheets in the order they were added, those added atEnd after the others.
        var tabs = Enumerable.Range(0, sheets.Count).OrderBy(i => sheets[i].AtEnd).ThenBy(i => i).ToList();
        var workbook = new Workbook(new BookViews(new WorkbookView()),
            new Sheets(tabs.Select(i => new Sheet { Name = sheets[i].Name, SheetId = (uint)i + 1, Id = $"rId{i + 1}" })));
        if (definedNames.Count > 0)
            workbook.Append(new DefinedNames(definedNames.Select(d =>
                new DefinedName(d.Reference) { Name = d.Name, LocalSheetId = (uint)tabs.IndexOf(d.Sheet), Hidden = true })));
        // Totals carry cached values for readers that do not recalculate; Excel recomputes on open anyway.
        workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        workbook.AddNamespaceDeclaration("r", XlsxPackage.RelationshipsNs);
        SavePart("xl/workbook.xml", XlsxPackage.Workbook, workbook);
        SaveRelationships("xl/_rels/workbook.xml.rels", sheets.Select((s, i) =>
                ($"rId{i + 1}", XlsxPackage.WorksheetRel, $"worksheets/sheet{i + 1}.xml"))
            .Append(($"rId{sheets.Count + 1}", XlsxPackage.StylesRel, "styles.xml"))
            .Append(($"rId{sheets.Count + 2}", XlsxPackage.ThemeRel, "theme/theme1.xml")));
        SaveRelationships("_rels/.rels", [("rId1", XlsxPackage.OfficeDocumentRel, "xl/workbook.xml")]);
        using (var s = zip.CreateEntry("[Content_Types].xml", CompressionLevel.Fastest).Open())
            XlsxPackage.WriteContentTypes(s, overrides);
        zip.Dispose();
    }

    // Excel's sheet-name rules: unique, at most 31 characters, none of []:*?/\ .
    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c) ? '-' : c).ToArray()).Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet" : clean;
        var unique = clean;
        for (var i = 2; taken.Contains(unique, StringComparer.OrdinalIgnoreCase); i++)
            unique = $"{clean[..Math.Min(clean.Length, 28)]} {i}";
        return unique;
    }
}

// FrozenColumns: columns kept in view when scrolling right; OnePage: printed on one page (else one page wide).
public sealed record XlsxSheetOptions(int FrozenColumns = 0, bool OnePage = false);

public sealed record XlsxColumn(string Header, double Width, XlsxStyle Style = XlsxStyle.Text);

public enum XlsxTotal { None, Sum, Average, Count }

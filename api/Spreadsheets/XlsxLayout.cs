using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// What is printed on every page of a book: the report's title (left, bold) and period (centre) over the sheet's
// name (right), and "Page n of N" under it.
public sealed record XlsxPrintHeader(string Title, string Period);

// Sheet geometry in screen pixels (96 dpi, Calibri 11 as Excel measures it), so headers get the height their
// wrapped text needs and charts are placed and sized in pixels whatever the column widths.
internal static class XlsxLayout
{
    public const int RowPx = 20, TitlePx = 28, DefaultColumnPx = 64, GapPx = 16;
    private const long Emu = 9525;

    // Excel's rule: a width of w characters is w × 7 + 5 pixels.
    public static int ColumnPx(double width) => (int)Math.Round(width * 7 + 5);

    // Wide enough for the header's longest word in bold (a header wraps between words, never inside one).
    public static double Width(XlsxColumn c) =>
        Math.Max(c.Width, Math.Ceiling(c.Header.Split(' ').Max(w => w.Length) * 1.15 + 1.5));

    // Lines a text takes once wrapped between words to a column of `width` characters (bold: a little fewer fit).
    public static int Lines(string text, double width, bool bold)
    {
        var room = Math.Max(1, (int)(bold ? width : width * 1.1));
        var (lines, used) = (1, 0);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (used > 0 && used + 1 + word.Length > room) (lines, used) = (lines + 1, word.Length);
            else used += (used > 0 ? 1 : 0) + word.Length;
        }
        return lines;
    }

    public static double HeaderPoints(IReadOnlyList<XlsxColumn> columns) => columns.Max(c => Lines(c.Header, Width(c), true)) * 15 + 3;

    // The drawing part: each chart at its pixel position (dx, dy) from the origin cell, of its own pixel size.
    public static Xdr.WorksheetDrawing Anchors(IReadOnlyList<XlsxChart> charts, Func<int, int> columnPx, Func<int, int> rowPx,
        int originColumn, int originRow)
    {
        var anchors = new Xdr.WorksheetDrawing();
        anchors.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        anchors.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        for (var i = 0; i < charts.Count; i++)
        {
            var spec = charts[i];
            var (dx, dy) = (i % spec.PerRow * (spec.WidthPx + GapPx), i / spec.PerRow * (spec.HeightPx + GapPx));
            var from = Marker<Xdr.FromMarker>(Walk(originColumn, dx, columnPx), Walk(originRow, dy, rowPx));
            var to = Marker<Xdr.ToMarker>(Walk(originColumn, dx + spec.WidthPx, columnPx), Walk(originRow, dy + spec.HeightPx, rowPx));
            anchors.Append(new Xdr.TwoCellAnchor(from, to,
                new Xdr.GraphicFrame(
                    new Xdr.NonVisualGraphicFrameProperties(
                        new Xdr.NonVisualDrawingProperties { Id = (uint)i + 2, Name = $"Chart {i + 1}", Description = spec.Title },
                        new Xdr.NonVisualGraphicFrameDrawingProperties()),
                    new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                    new A.Graphic(new A.GraphicData(new C.ChartReference { Id = $"rId{i + 1}" })
                        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
                { Macro = "" },
                new Xdr.ClientData()) { EditAs = Xdr.EditAsValues.OneCell });
        }
        return anchors;
    }

    // The cell (0-based) and pixel offset in it that lie `pixels` after the start of `start`.
    private static (int Index, int Offset) Walk(int start, int pixels, Func<int, int> size)
    {
        var i = start;
        while (pixels >= size(i)) pixels -= size(i++);
        return (i, pixels);
    }

    private static T Marker<T>((int Index, int Offset) col, (int Index, int Offset) row) where T : OpenXmlCompositeElement, new()
    {
        var m = new T();
        m.Append(new Xdr.ColumnId(col.Index.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset((col.Offset * Emu).ToString(CultureInfo.InvariantCulture)),
            new Xdr.RowId(row.Index.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset((row.Offset * Emu).ToString(CultureInfo.InvariantCulture)));
        return m;
    }

    // Landscape A4, one page wide (and one page tall for onePage sheets), with the book's header and footer.
    internal static void WritePageSetup(XlsxXml w, bool onePage, XlsxPrintHeader? header)
    {
        w.Element(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.7, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        w.Element(new PageSetup
        {
            PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = onePage ? 1u : 0u,
        });
        static string Escape(string s) => XlsxValues.Clean(s).Replace("&", "&&");
        var top = header is null ? "&R&A" : $"&L&\"-,Bold\"{Escape(header.Title)}&C{Escape(header.Period)}&R&A";
        w.Element(new HeaderFooter(new OddHeader(top), new OddFooter("&CPage &P of &N")));
    }
}

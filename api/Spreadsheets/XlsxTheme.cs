namespace OutlookCrm.Api.Spreadsheets;

// The colours every chart uses, written explicitly on each series (LibreOffice draws a series without its own
// colour as nothing at all when the file has no theme). Okabe & Ito's palette: distinguishable with any of the
// common colour-vision deficiencies, and in grey print. This year is always blue, last year always orange.
public static class XlsxPalette
{
    public const string ThisYear = "0072B2", LastYear = "E69F00";
    public static readonly string[] Series = [ThisYear, LastYear, "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442", "000000"];

    // Behind the bars and lines of every chart: a light grey plot area, white gridlines, dark text.
    public const string PlotArea = "F2F2F2", Gridlines = "FFFFFF", Axis = "595959", Text = "262626";
}

// The workbook's theme part (xl/theme/theme1.xml): Office's usual fonts and effects, with the palette above as
// accents, so table styles and anything left to the theme are colour-blind safe too.
internal static class XlsxTheme
{
    private static string Accents() => string.Concat(XlsxPalette.Series.Take(6).Select((c, i) =>
        $"<a:accent{i + 1}><a:srgbClr val=\"{c}\"/></a:accent{i + 1}>"));

    private static string Fill(string inner) => $"<a:solidFill><a:schemeClr val=\"phClr\">{inner}</a:schemeClr></a:solidFill>";

    private static string Line(int width) =>
        $"<a:ln w=\"{width}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{Fill("")}<a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>";

    public static string Xml() =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"OutlookCrm\"><a:themeElements>" +
        "<a:clrScheme name=\"OutlookCrm colour-blind safe\">" +
        "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>" +
        "<a:dk2><a:srgbClr val=\"262626\"/></a:dk2><a:lt2><a:srgbClr val=\"F2F2F2\"/></a:lt2>" + Accents() +
        "<a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink><a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme>" +
        "<a:fontScheme name=\"Office\"><a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>" +
        "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>" +
        "<a:fmtScheme name=\"Office\"><a:fillStyleLst>" + Fill("") + Fill("<a:tint val=\"50000\"/>") + Fill("<a:shade val=\"80000\"/>") +
        "</a:fillStyleLst><a:lnStyleLst>" + Line(6350) + Line(12700) + Line(19050) + "</a:lnStyleLst>" +
        "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>" +
        "<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>" +
        "<a:bgFillStyleLst>" + Fill("") + Fill("<a:tint val=\"95000\"/>") + Fill("<a:shade val=\"90000\"/>") + "</a:bgFillStyleLst>" +
        "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";
}

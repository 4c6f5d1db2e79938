using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// How one .NET value becomes one <c> element: numbers and dates as numbers (the style formats them),
// strings inline (no shared-string table to hold in memory), formulas with their cached value.
internal static class XlsxValues
{
    private const int MaxText = 32_767; // Excel's limit for one cell

    public static void Write(OpenXmlWriter w, string reference, uint style, object? value)
    {
        switch (value)
        {
            case null:
                if (style != 0) w.WriteElement(new Cell { CellReference = reference, StyleIndex = style });
                return;
            case string s:
                w.WriteStartElement(new Cell(), Attributes(reference, style, "inlineStr"));
                w.WriteStartElement(new InlineString());
                var text = Clean(s);
                w.WriteElement(text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
                    ? new Text(text) { Space = SpaceProcessingModeValues.Preserve } : new Text(text));
                w.WriteEndElement();
                w.WriteEndElement();
                return;
            case bool b:
                w.WriteStartElement(new Cell(), Attributes(reference, style, "b"));
                w.WriteElement(new CellValue(b ? "1" : "0"));
                w.WriteEndElement();
                return;
            case XlsxFormula f:
                w.WriteStartElement(new Cell(), Attributes(reference, style, f.Text is null ? null : "str"));
                w.WriteElement(new CellFormula(f.Formula));
                if (f.Text is not null) w.WriteElement(new CellValue(Clean(f.Text)));
                else if (f.Cached is { } c && double.IsFinite(c)) w.WriteElement(new CellValue(c.ToString("R", CultureInfo.InvariantCulture)));
                w.WriteEndElement();
                return;
        }
        var number = AsNumber(value);
        if (number is null || !double.IsFinite(number.Value))
        {
            Write(w, reference, style, value.ToString());
            return;
        }
        w.WriteStartElement(new Cell(), Attributes(reference, style, null));
        w.WriteElement(new CellValue(number.Value.ToString("R", CultureInfo.InvariantCulture)));
        w.WriteEndElement();
    }

    public static double? AsNumber(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        decimal m => (double)m,
        short s => s,
        DateTime t => t.ToOADate(),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue).ToOADate(),
        XlsxCell c => AsNumber(c.Value),
        _ => null,
    };

    private static List<OpenXmlAttribute> Attributes(string reference, uint style, string? type)
    {
        var list = new List<OpenXmlAttribute>(3) { new("r", "", reference) };
        if (style != 0) list.Add(new("s", "", style.ToString(CultureInfo.InvariantCulture)));
        if (type is not null) list.Add(new("t", "", type));
        return list;
    }

    // XML 1.0 cannot carry most control characters: drop them rather than fail the whole export.
    public static string Clean(string s)
    {
        if (s.Length > MaxText) s = s[..MaxText];
        foreach (var ch in s)
            if (ch < 0x20 && ch is not ('\t' or '\n' or '\r') || ch is '\uFFFE' or '\uFFFF' || char.IsSurrogate(ch))
                return Strip(s);
        return s;
    }

    private static string Strip(string s)
    {
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { b.Append(ch).Append(s[++i]); continue; }
            if (char.IsSurrogate(ch) || ch < 0x20 && ch is not ('\t' or '\n' or '\r') || ch is '\uFFFE' or '\uFFFF') continue;
            b.Append(ch);
        }
        return b.ToString();
    }
}

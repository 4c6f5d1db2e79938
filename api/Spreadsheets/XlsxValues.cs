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

    // <c r="B12" s="6" t="…">…</c>, the reference from the column's letters and the row.
    public static void Write(XlsxXml w, string column, int row, uint style, object? value)
    {
        switch (value)
        {
            case null:
                if (style == 0) return;
                Start(w, column, row, style);
                w.Raw("/>"u8);
                return;
            case string s:
                Start(w, column, row, style);
                w.Raw(" t=\"inlineStr\"><is>"u8);
                var text = Clean(s);
                w.Raw(text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? "<t xml:space=\"preserve\">"u8 : "<t>"u8);
                w.Text(text);
                w.Raw("</t></is></c>"u8);
                return;
            case int i: // as a double's shortest text (an int's digits), without the conversion
                Start(w, column, row, style);
                w.Raw("><v>"u8);
                w.Int(i);
                w.Raw("</v></c>"u8);
                return;
            case bool b:
                Start(w, column, row, style);
                w.Raw(b ? " t=\"b\"><v>1</v></c>"u8 : " t=\"b\"><v>0</v></c>"u8);
                return;
            case XlsxFormula f:
                Start(w, column, row, style);
                if (f.Text is not null) w.Raw(" t=\"str\""u8);
                w.Raw("><f>"u8);
                w.Text(f.Formula);
                w.Raw("</f>"u8);
                if (f.Text is not null)
                {
                    w.Raw("<v>"u8);
                    w.Text(Clean(f.Text));
                    w.Raw("</v>"u8);
                }
                else if (f.Cached is { } c && double.IsFinite(c))
                {
                    w.Raw("<v>"u8);
                    w.Number(c);
                    w.Raw("</v>"u8);
                }
                w.Raw("</c>"u8);
                return;
        }
        var number = AsNumber(value);
        if (number is null || !double.IsFinite(number.Value))
        {
            Write(w, column, row, style, value.ToString());
            return;
        }
        Start(w, column, row, style);
        w.Raw("><v>"u8);
        w.Number(number.Value);
        w.Raw("</v></c>"u8);
    }

    private static void Start(XlsxXml w, string column, int row, uint style)
    {
        w.Raw("<c r=\""u8);
        w.Ascii(column);
        w.Int(row);
        w.Raw("\""u8);
        if (style == 0) return;
        w.Raw(" s=\""u8);
        w.Int(style);
        w.Raw("\""u8);
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

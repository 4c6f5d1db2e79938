namespace OutlookCrm.Api.Export;

// Writes CSV cells safely: quoted when needed, and a leading = + - @ tab or CR is prefixed with an
// apostrophe so a spreadsheet never runs a cell as a formula (OWASP "CSV injection").
public sealed class CsvWriter(TextWriter writer, char separator)
{
    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];

    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) writer.Write(separator);
            writer.Write(Cell(cells[i], separator));
        }
        writer.Write("\r\n");
    }

    public static string Neutralize(string value) =>
        value.Length > 0 && Dangerous.Contains(value[0]) ? "'" + value : value;

    public static string Cell(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var safe = Neutralize(value);
        var quote = safe.IndexOfAny([separator, '"', '\r', '\n']) >= 0 || safe[0] == ' ' || safe[^1] == ' ';
        return quote ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }
}

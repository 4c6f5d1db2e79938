using System.Text;

namespace OutlookCrm.Api.Import;

// One CSV record and the line it starts on, as a text editor numbers it (the header is line 1).
public sealed record CsvRecord(int Line, string[] Fields);

// The file cannot be read as CSV at all (as opposed to a row whose values are refused).
public sealed class CsvFormatException(int line, string reason) : Exception($"Line {line}: {reason}")
{
    public int Line { get; } = line;
}

// RFC 4180 reader that streams: quoted fields may hold separators, quotes ("") and line breaks.
// Lenient where spreadsheets are sloppy (a stray quote inside an unquoted field is kept as text),
// strict where memory is at stake (a field longer than the longest CRM column is refused).
public sealed class CsvReader(TextReader reader, char separator, int firstLine = 1)
{
    public const int MaxFieldLength = Data.CrmModel.Long;
    public static readonly char[] Separators = [';', ',', '\t'];

    private int line = firstLine;

    public char Separator => separator;

    // The separator is the candidate that splits the header line the most (outside quotes).
    public static char DetectSeparator(string headerLine)
    {
        var counts = new Dictionary<char, int>();
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && Separators.Contains(c)) counts[c] = counts.GetValueOrDefault(c) + 1;
        }
        return counts.Count == 0 ? ',' : counts.OrderByDescending(kv => kv.Value).ThenBy(kv => Array.IndexOf(Separators, kv.Key)).First().Key;
    }

    public IEnumerable<CsvRecord> Records()
    {
        while (Next() is { } record) yield return record;
    }

    public CsvRecord? Next()
    {
        while (true)
        {
            var start = line;
            var fields = ReadFields(out var atEnd);
            if (fields is null) return null;
            // Blank lines (common at the end of hand-edited files) are not records.
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                if (atEnd) return null;
                continue;
            }
            return new CsvRecord(start, [.. fields]);
        }
    }

    private List<string>? ReadFields(out bool atEnd)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var any = false;
        var quoteLine = line;
        atEnd = false;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                atEnd = true;
                if (inQuotes) throw new CsvFormatException(quoteLine, "a quoted field is never closed (a \" is missing).");
                if (!any) return null;
                fields.Add(field.ToString());
                return fields;
            }
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    Append(field, (char)c, quoteLine);
                }
                continue;
            }
            if (c == '"' && field.Length == 0) { inQuotes = true; quoteLine = line; }
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                line++;
                fields.Add(field.ToString());
                return fields;
            }
            else Append(field, (char)c, line);
        }
    }

    private static void Append(StringBuilder field, char c, int startLine)
    {
        if (field.Length >= MaxFieldLength)
            throw new CsvFormatException(startLine, $"a value is longer than {MaxFieldLength:N0} characters; a quote is probably left open.");
        field.Append(c);
    }
}

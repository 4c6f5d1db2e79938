using System.Text;
using CsvHelper;

namespace OutlookCrm.Api.Import;

// One data record of the file and the line it starts on, as a text editor (or Excel's row number) counts it: header = 1.
public sealed record SourceRecord(int Line, string[] Fields);

// The file cannot be read as a table at all (as opposed to a row whose values are refused).
public sealed class ImportFormatException(int line, string reason) : Exception($"Line {line}: {reason}")
{
    public int Line { get; } = line;
}

// A file being imported: its header and its records, whatever the format.
public interface IImportSource : IDisposable
{
    string Encoding { get; }
    string Separator { get; }
    IReadOnlyList<string> Headers { get; }
    // How much of the file has been read, for the progress bar.
    double Fraction { get; }
    IEnumerable<SourceRecord> Records();
}

public static class ImportSources
{
    // An .xlsx workbook is recognised by its content (a zip), whatever its name says.
    public static IImportSource Open(Stream file, string? encoding, string? sheet)
    {
        var head = new byte[4];
        var n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 4 && head is [(byte)'P', (byte)'K', 3, 4] ? new XlsxSource(file, sheet) : new CsvSource(file, encoding);
    }
}

// CSV through CsvHelper (RFC 4180: quoted separators, doubled quotes, line breaks in quotes). The encoding is decided
// first (CsvEncoding: BOM, else strict UTF-8 over the whole file, else Windows-1252), the separator is CsvHelper's
// detection (, ; tab |). Lenient where spreadsheets are sloppy (a stray quote is kept as text), strict where memory is
// at stake (a quote never closed, or a value longer than the longest CRM column, refuses the file naming the line).
public sealed class CsvSource : IImportSource
{
    public const int MaxFieldLength = Data.CrmModel.Long;

    private readonly Stream file;
    private readonly CsvReader reader;
    private readonly Encoding encoding;
    private CsvMalformedRecord? unterminated;

    public CsvSource(Stream file, string? declared)
    {
        this.file = file;
        encoding = CsvEncoding.Detect(file, declared);
        var options = CsvReaderOptions.Default with
        {
            HasHeader = true, TrackLineNumbers = true, Encoding = encoding.CodePage == 65001 ? null : encoding,
            MaxRecordSize = 16 * MaxFieldLength * 4,
            OnMalformedRecord = m => { if (m.Reason == CsvMalformedReason.UnterminatedQuote) unterminated ??= m; },
        };
        reader = CsvReader.Create(file, options, leaveOpen: true);
        try
        {
            Headers = [.. reader.Headers.Select(h => h.Trim())];
            Separator = reader.Separator == '\t' ? "tab" : reader.Separator.ToString();
        }
        catch (CsvFormatException e) { throw Malformed(e); }
        catch (DecoderFallbackException) { throw CsvEncoding.Refused($"The header line is not valid {encoding.WebName}."); }
        if (Headers.Count == 0 || Headers.All(h => h.Length == 0))
            throw CsvEncoding.Refused("The file has no header line: the first line must name the columns.");
    }

    public string Encoding => encoding.WebName;
    public string Separator { get; }
    public IReadOnlyList<string> Headers { get; }
    public double Fraction => file.Length == 0 ? 1 : Math.Min(1, (double)file.Position / file.Length);

    public IEnumerable<SourceRecord> Records()
    {
        while (true)
        {
            bool more;
            try { more = reader.Read(); }
            catch (CsvFormatException e) { throw Malformed(e); }
            if (unterminated is { } u)
                throw new ImportFormatException((int)u.LineNumber, "a quoted field is never closed (a \" is missing).");
            if (!more) yield break;
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
                if (fields[i].Length > MaxFieldLength)
                    throw new ImportFormatException((int)reader.LineNumber, $"a value is longer than {MaxFieldLength:N0} characters; a quote is probably left open.");
            }
            yield return new SourceRecord((int)reader.LineNumber, fields);
        }
    }

    private static ImportFormatException Malformed(CsvFormatException e) => new((int)Math.Max(1, e.LineNumber),
        e.Message.Contains("MaxRecordSize") ? $"a line is longer than {16 * MaxFieldLength * 4:N0} bytes; a quote is probably left open." : e.Message);

    public void Dispose() => reader.Dispose();
}

using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;

namespace OutlookCrm.Api.Spreadsheets;

// A worksheet part's UTF-8 bytes, written straight into its zip entry through one buffer: a million rows are
// twelve million cells, and building an SDK element, an attribute list and a reference string for each (OpenXmlWriter)
// cost more than the cells' own bytes. The few structural elements around the rows (views, columns, page set-up)
// are still the SDK's classes, written as their XML.
internal sealed class XlsxXml(Stream stream) : IDisposable
{
    private readonly byte[] buffer = new byte[1 << 16];
    private int used;

    // Room for n more bytes in the buffer (n at most its size).
    private Span<byte> Room(int n)
    {
        if (buffer.Length - used < n) Flush();
        return buffer.AsSpan(used);
    }

    public void Raw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > buffer.Length)
        {
            Flush();
            stream.Write(utf8);
            return;
        }
        utf8.CopyTo(Room(utf8.Length));
        used += utf8.Length;
    }

    // ASCII only (column letters, digits, names of the schema).
    public void Ascii(string s)
    {
        var span = Room(s.Length);
        for (var i = 0; i < s.Length; i++) span[i] = (byte)s[i];
        used += s.Length;
    }

    public void Int(long value)
    {
        value.TryFormat(Room(20), out var n, default, CultureInfo.InvariantCulture);
        used += n;
    }

    // As XmlConvert and double.ToString("R"): the shortest text that reads back as the same double.
    public void Number(double value)
    {
        value.TryFormat(Room(32), out var n, "R", CultureInfo.InvariantCulture);
        used += n;
    }

    // Element text: & < > escaped; line breaks as they are (an XML reader reads CR LF and CR as LF, as the SDK's writer did).
    public void Text(string s) => Escaped(s, attribute: false);

    public void Attribute(string s) => Escaped(s, attribute: true);

    private void Escaped(ReadOnlySpan<char> s, bool attribute)
    {
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var entity = s[i] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' when attribute => "&quot;"u8,
                '\n' when attribute => "&#xA;"u8,
                '\r' when attribute => "&#xD;"u8,
                '\t' when attribute => "&#x9;"u8,
                _ => default,
            };
            if (entity.IsEmpty) continue;
            Utf8(s[start..i]);
            Raw(entity);
            start = i + 1;
        }
        Utf8(s[start..]);
    }

    private void Utf8(ReadOnlySpan<char> s)
    {
        const int chunk = (1 << 16) / 3 - 1; // chars whose UTF-8 always fits the buffer
        while (s.Length > 0)
        {
            var n = Math.Min(s.Length, chunk);
            if (n < s.Length && char.IsHighSurrogate(s[n - 1])) n--; // a pair is never split
            var written = Encoding.UTF8.GetBytes(s[..n], Room(n * 3)); // Room may flush: `used` is read after it
            used += written;
            s = s[n..];
        }
    }

    // An SDK element as its own XML (it declares the namespaces it uses).
    public void Element(OpenXmlElement element) => Utf8(element.OuterXml);

    public void Flush()
    {
        if (used == 0) return;
        stream.Write(buffer, 0, used);
        used = 0;
    }

    public void Dispose()
    {
        Flush();
        stream.Dispose();
    }
}

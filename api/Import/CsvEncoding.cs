using System.Text;

namespace OutlookCrm.Api.Import;

// Which text encoding a CSV file is in. Files come from Excel (Windows-1252 or UTF-8 with a BOM),
// Outlook (Windows-1252 by default) and other CRMs (UTF-8): a BOM decides, else a whole-file strict
// UTF-8 check, else Windows-1252. Binary files and UTF-16 without a BOM are refused, never misread.
public static class CsvEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    // Reads the stream once (bounded buffer) and rewinds it. `declared` is what the caller says the file is, if anything.
    public static Encoding Detect(Stream file, string? declared = null)
    {
        var head = new byte[4];
        var n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (n == 0) throw Refused("The file is empty.");
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
            throw Refused("This is an Excel workbook or another zip file, not a CSV file. In Excel use File > Save As > \"CSV UTF-8\".");
        if (n >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
            throw Refused("This is an old Excel (.xls) workbook, not a CSV file. In Excel use File > Save As > \"CSV UTF-8\".");
        if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return Check(file, new UTF8Encoding(true, true), declared, 3);
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE) return Check(file, new UnicodeEncoding(false, true, true), declared, 2);
        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF) return Check(file, new UnicodeEncoding(true, true, true), declared, 2);

        var wanted = Named(declared);
        if (wanted is not null && wanted.CodePage != Encoding.UTF8.CodePage) return Check(file, wanted, null, 0);
        var invalidAt = FirstInvalidUtf8(file);
        if (invalidAt is null) return StrictUtf8;
        if (wanted is not null)
            throw Refused($"The file is not UTF-8 as declared: byte {invalidAt:N0} is not valid UTF-8. It is probably Windows-1252 (ANSI); leave the encoding out to detect it.");
        return Windows1252;
    }

    private static Encoding Check(Stream file, Encoding found, string? declared, int bomLength)
    {
        var wanted = Named(declared);
        if (wanted is not null && wanted.CodePage != found.CodePage)
            throw Refused($"The file starts with a {found.WebName} byte-order mark but {declared} was declared.");
        if (bomLength == 0 && ContainsNul(file))
            throw Refused("The file contains NUL bytes: it is binary or UTF-16 without a byte-order mark. Save it as \"CSV UTF-8\".");
        // The CSV reader replaces bytes it cannot decode: the whole file is checked here, so nothing is silently altered.
        if (bomLength > 0 && FirstInvalid(file, found) is { } at)
            throw Refused($"The file is not valid {found.WebName} as its byte-order mark says: byte {at:N0} cannot be read.");
        return found;
    }

    private static Encoding? Named(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try { return Encoding.GetEncoding(name.Trim() is var n && n.Equals("ansi", StringComparison.OrdinalIgnoreCase) ? "windows-1252" : n); }
        catch (ArgumentException) { throw CrmProblem.Invalid("encoding", $"Unknown encoding '{name}'. Use utf-8 or windows-1252, or leave it out to detect it."); }
    }

    // Offset of the first byte that breaks UTF-8, or null if the whole file is valid; NUL bytes are refused.
    private static long? FirstInvalidUtf8(Stream file)
    {
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        long offset = 0;
        try
        {
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                if (buffer.AsSpan(0, read).Contains((byte)0))
                    throw Refused("The file contains NUL bytes: it is binary or UTF-16 without a byte-order mark. Save it as \"CSV UTF-8\".");
                try { decoder.GetChars(buffer, 0, read, chars, 0, flush: false); }
                catch (DecoderFallbackException e) { return offset + Math.Max(0, e.Index); }
                offset += read;
            }
            // A file cut in the middle of a character is not valid UTF-8 either.
            try { decoder.GetChars([], 0, 0, chars, 0, flush: true); }
            catch (DecoderFallbackException) { return offset; }
            return null;
        }
        finally { file.Position = 0; }
    }

    private static long? FirstInvalid(Stream file, Encoding encoding)
    {
        var decoder = encoding.GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[encoding.GetMaxCharCount(buffer.Length)];
        long offset = 0;
        try
        {
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                try { decoder.GetChars(buffer, 0, read, chars, 0, flush: false); }
                catch (DecoderFallbackException) { return offset; }
                offset += read;
            }
            try { decoder.GetChars([], 0, 0, chars, 0, flush: true); }
            catch (DecoderFallbackException) { return offset; }
            return null;
        }
        finally { file.Position = 0; }
    }

    private static bool ContainsNul(Stream file)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = file.Read(buffer)) > 0)
                if (buffer.AsSpan(0, read).Contains((byte)0)) return true;
            return false;
        }
        finally { file.Position = 0; }
    }

    public static CrmProblem Refused(string detail) =>
        new(StatusCodes.Status400BadRequest, "Unreadable file", detail);
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace OutlookCrm.Api.Import;

// The uploaded file, streamed to a temporary file (deleted on close) so it is never held in memory and can
// be read twice (encoding check, then rows). Accepts a raw body (text/csv) or the first file of a
// multipart form. A declared size over the limit is refused before reading; an undeclared one when it passes it.
internal static class Upload
{
    public static async Task<(FileStream File, string Name)> SaveAsync(HttpRequest request, long maxBytes, string? name, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 64 * 1024;

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"crm-import-{Guid.NewGuid():N}.csv"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                name = await CopyFirstFile(request.Body, HeaderUtilities.RemoveQuotes(type.Boundary).Value, file, maxBytes, ct) ?? name;
            else
                await Copy(request.Body, file, maxBytes, ct);
            file.Position = 0;
            return (file, string.IsNullOrWhiteSpace(name) ? "upload.csv" : Path.GetFileName(name));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task<string?> CopyFirstFile(Stream body, string? boundary, Stream target, long maxBytes, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(boundary)) throw CrmProblem.Invalid("file", "The multipart form has no boundary.");
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
            await Copy(section.Body, target, maxBytes, ct);
            return HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        }
        throw CrmProblem.Invalid("file", "The form carries no file: send the CSV as a file field, or as the raw request body (Content-Type: text/csv).");
    }

    private static async Task Copy(Stream from, Stream to, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > maxBytes) throw TooLarge(maxBytes);
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    private static CrmProblem TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, "File too large",
        $"Imports are limited to {maxBytes / (1024 * 1024):N0} MB per file (setting Import:MaxUploadMegabytes). Split the file, or import it " +
        "from the server with the command line: OutlookCrm.Api import <file>. Nothing was imported.");
}

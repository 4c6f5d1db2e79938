using Microsoft.Net.Http.Headers;

namespace OutlookCrm.Api.Http;

// Optimistic concurrency over HTTP: the ETag is the row's Version; updates must send it back.
public readonly record struct IfMatch(int Version)
{
    public static ValueTask<IfMatch> BindAsync(HttpContext http)
    {
        var raw = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw)) throw CrmProblem.IfMatchRequired();
        if (!EntityTagHeaderValue.TryParse(raw, out var tag) || !int.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
            throw CrmProblem.Invalid("If-Match", "The If-Match header must be an ETag returned by this API, such as \"3\".");
        return ValueTask.FromResult(new IfMatch(version));
    }

    public void Check(int current)
    {
        if (current != Version) throw CrmProblem.Stale();
    }
}

public static class ETag
{
    public static string For(int version) => $"\"{version}\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = For(version);
}

namespace OutlookCrm.SyncWorker.Graph;

// Every request asks for immutable ids (the header applies only to the request carrying it, so all of them carry it:
// https://learn.microsoft.com/en-us/graph/outlook-immutable-id), so an item the rep moves to another folder keeps
// the id the worker stored. Delta requests also cap their page size (odata.maxpagesize), next links included.
public sealed class GraphPreferHandler(int deltaPageSize) : DelegatingHandler
{
    public const string ImmutableId = "IdType=\"ImmutableId\"";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var prefer = request.Headers.TryGetValues("Prefer", out var values) ? values.ToList() : [];
        if (!prefer.Any(p => p.Contains("IdType", StringComparison.OrdinalIgnoreCase))) prefer.Add(ImmutableId);
        var path = request.RequestUri?.AbsolutePath ?? "";
        if ((path.EndsWith("/delta", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/delta()", StringComparison.OrdinalIgnoreCase))
            && !prefer.Any(p => p.Contains("odata.maxpagesize", StringComparison.OrdinalIgnoreCase)))
            prefer.Add($"odata.maxpagesize={deltaPageSize}");
        request.Headers.Remove("Prefer");
        request.Headers.TryAddWithoutValidation("Prefer", string.Join(", ", prefer));
        return base.SendAsync(request, ct);
    }
}

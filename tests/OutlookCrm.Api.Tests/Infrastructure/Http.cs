using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookCrm.Api.Tests.Infrastructure;

public static class HttpTestExtensions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, body);
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body, string? etag) =>
        Send(client, HttpMethod.Put, url, body, etag);

    // JSON Merge Patch (RFC 7396): only the fields given change; null clears one.
    public static Task<HttpResponseMessage> Patch(this HttpClient client, string url, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, Json), System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }

    public static string ETag(this HttpResponseMessage response) => response.Headers.ETag?.Tag
        ?? throw new AssertFailedException("The response carries no ETag.");

    // Every error answer is a ProblemDetails with the expected status; returns it for further checks.
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.AreEqual((int)expected, problem.GetProperty("status").GetInt32(), body);
        Assert.IsFalse(body.Contains("   at "), "A stack trace leaked: " + body);
        return problem;
    }
}

using System.Net.Http.Headers;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

// The checked-in sample files (tests/OutlookCrm.Api.Tests/Files) and how a client uploads them.
public static class SampleFiles
{
    public static string PathOf(string name) => Path.Combine(TestPostgres.RepoRoot(), "tests", "OutlookCrm.Api.Tests", "Files", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    // Raw body, as curl --data-binary @file does.
    public static Task<HttpResponseMessage> Import(this HttpClient client, string name, string query = "") =>
        client.ImportBytes(Bytes(name), query, name);

    public static Task<HttpResponseMessage> ImportBytes(this HttpClient client, byte[] bytes, string query = "", string? name = null, string? accept = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/import?fileName={Uri.EscapeDataString(name ?? "file.csv")}{query}") { Content = content };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return client.SendAsync(request);
    }

    // A browser form upload (multipart/form-data), as an admin page would send it.
    public static Task<HttpResponseMessage> ImportAsForm(this HttpClient client, string name, string query = "")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Bytes(name)), "file", name } };
        return client.PostAsync($"/api/import?{query.TrimStart('&')}", form);
    }
}

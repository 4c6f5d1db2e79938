namespace OutlookCrm.Api.Addin;

// The repository's manifests (XML manifest.xml, unified addin/unified/manifest.json) are written for
// https://localhost:5001; each host gets a copy rebased on itself.
public static class ManifestTemplate
{
    public const string TemplateBaseUrl = "https://localhost:5001";
    private const string TemplateHost = "localhost:5001";

    // name: "manifest.xml", or a file of the unified manifest's folder ("unified/manifest.json").
    public static string? Find(string contentRoot, string distPath, string name = "manifest.xml")
    {
        string[] candidates =
        [
            Path.Combine(contentRoot, distPath, name),                                           // copied by the add-in build, ships with it
            Path.Combine(contentRoot, "..", name == "manifest.xml" ? name : Path.Combine("addin", name)), // source tree
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    public static string Rebase(string manifest, string baseUrl) =>
        manifest.Replace(TemplateBaseUrl, System.Security.SecurityElement.Escape(baseUrl), StringComparison.Ordinal);

    // JSON: the URLs, then the bare host of validDomains ("crm.contoso.fr", "localhost:5443").
    public static string RebaseJson(string manifest, string baseUrl) =>
        manifest.Replace(TemplateBaseUrl, baseUrl, StringComparison.Ordinal)
            .Replace($"\"{TemplateHost}\"", System.Text.Json.JsonSerializer.Serialize(new Uri(baseUrl).Authority), StringComparison.Ordinal);
}

namespace OutlookCrm.Api.Addin;

// The repository's manifest.xml is written for https://localhost:5001; each host gets a copy rebased on itself.
public static class ManifestTemplate
{
    public const string TemplateBaseUrl = "https://localhost:5001";

    public static string? Find(string contentRoot, string distPath)
    {
        string[] candidates =
        [
            Path.Combine(contentRoot, distPath, "manifest.xml"), // copied by the add-in build, ships with it
            Path.Combine(contentRoot, "..", "manifest.xml"),     // source tree: api/ next to the root manifest
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    public static string Rebase(string manifest, string baseUrl) =>
        manifest.Replace(TemplateBaseUrl, System.Security.SecurityElement.Escape(baseUrl), StringComparison.Ordinal);
}

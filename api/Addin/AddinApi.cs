using System.IO.Compression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace OutlookCrm.Api.Addin;

// Serves the Outlook task pane at /addin/ (same origin as /api, so no CORS) and its manifests for this host:
// the XML add-in manifest (/manifest.xml) and the unified manifest for Microsoft 365 (/manifest.json, and the
// app package /manifest.zip that new Outlook and the admin center upload).
public static class AddinApi
{
    public sealed record AddinConfig(bool DevSignIn, string? ClientId, string? Authority, string? ApiScope);

    public static void MapAddin(this WebApplication app)
    {
        // Bound here rather than in Program.cs so the feature stays one line there.
        var options = app.Configuration.GetSection(AddinOptions.Section).Get<AddinOptions>() ?? new AddinOptions();
        var dist = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, options.DistPath));
        if (Directory.Exists(dist))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(dist),
                RequestPath = "/addin",
                OnPrepareResponse = ctx => CacheHeaders(ctx.Context.Request.Path, ctx.Context.Response.Headers),
            });
        }
        else
        {
            app.Logger.LogWarning("Add-in build not found at {Dist}: run `npm ci && npm run build` in addin/", dist);
        }

        var root = app.Environment.ContentRootPath;
        app.MapGet("/addin", () => Results.Redirect("/addin/taskpane.html")).ExcludeFromDescription();
        app.MapGet("/addin/config.json", (IOptions<AuthOptions> auth) => GetConfig(options, auth.Value)).ExcludeFromDescription();
        app.MapGet("/manifest.xml", (HttpRequest request) => GetManifest(request, options, root)).ExcludeFromDescription();
        app.MapGet("/manifest.json", (HttpRequest request) => GetUnifiedManifest(request, options, root)).ExcludeFromDescription();
        app.MapGet("/manifest.zip", (HttpRequest request) => GetAppPackage(request, options, root, dist)).ExcludeFromDescription();
    }

    // Icons: no Cache-Control at all, as the manifest docs require (https://learn.microsoft.com/javascript/api/manifest/image:
    // "the server hosting an image resource must not add any CACHE-CONTROL directives"), but a long Expires so
    // they are kept; a new icon gets a new name. The pane itself must pick up a new build at once: no-cache. Files
    // under chunks/ are named by their content's hash (addin/tools/build.mjs): a new build names them anew, so immutable.
    internal static void CacheHeaders(PathString path, IHeaderDictionary headers)
    {
        if (path.StartsWithSegments("/addin/assets")) headers.Expires = DateTimeOffset.UtcNow.AddDays(365).ToString("R");
        else if (path.StartsWithSegments("/addin/chunks")) headers.CacheControl = "public, max-age=31536000, immutable";
        else headers.CacheControl = "no-cache";
    }

    internal static AddinConfig GetConfig(AddinOptions addin, AuthOptions auth) =>
        new(auth.DevSignIn, addin.ClientId, addin.Authority, addin.ApiScope);

    private static string BaseUrl(HttpRequest request, AddinOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    private static IResult NotBuilt(string what) => Results.Problem(statusCode: 404, title: $"{what} not found",
        detail: "Build the add-in (cd addin && npm run build): it copies the manifests into its output.");

    internal static IResult GetManifest(HttpRequest request, AddinOptions options, string contentRoot)
    {
        var template = ManifestTemplate.Find(contentRoot, options.DistPath);
        if (template is null) return NotBuilt("Manifest template");
        return Results.Text(ManifestTemplate.Rebase(File.ReadAllText(template), BaseUrl(request, options)), "application/xml; charset=utf-8");
    }

    internal static IResult GetUnifiedManifest(HttpRequest request, AddinOptions options, string contentRoot)
    {
        var template = ManifestTemplate.Find(contentRoot, options.DistPath, "unified/manifest.json");
        if (template is null) return NotBuilt("Unified manifest template");
        return Results.Text(ManifestTemplate.RebaseJson(File.ReadAllText(template), BaseUrl(request, options)), "application/json; charset=utf-8");
    }

    // The app package: manifest.json, its French strings and the two icons it names, at the root of a zip.
    internal static IResult GetAppPackage(HttpRequest request, AddinOptions options, string contentRoot, string dist)
    {
        var manifest = ManifestTemplate.Find(contentRoot, options.DistPath, "unified/manifest.json");
        var french = ManifestTemplate.Find(contentRoot, options.DistPath, "unified/fr-fr.json");
        string[] icons = ["icon-192.png", "icon-outline-32.png"];
        if (manifest is null || french is null || icons.Any(i => !File.Exists(Path.Combine(dist, "assets", i)))) return NotBuilt("App package");
        var baseUrl = BaseUrl(request, options);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes) { using var s = zip.CreateEntry(name).Open(); s.Write(bytes); }
            Add("manifest.json", System.Text.Encoding.UTF8.GetBytes(ManifestTemplate.RebaseJson(File.ReadAllText(manifest), baseUrl)));
            Add("fr-fr.json", File.ReadAllBytes(french));
            foreach (var icon in icons) Add(icon, File.ReadAllBytes(Path.Combine(dist, "assets", icon)));
        }
        return Results.File(buffer.ToArray(), "application/zip", "outlookcrm-app-package.zip");
    }
}

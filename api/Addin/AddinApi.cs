using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace OutlookCrm.Api.Addin;

// Serves the Outlook task pane at /addin/ (same origin as /api, so no CORS) and its manifest for this host.
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
                // The pane must pick up a new build at once: Outlook caches aggressively otherwise.
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
            });
        }
        else
        {
            app.Logger.LogWarning("Add-in build not found at {Dist}: run `npm ci && npm run build` in addin/", dist);
        }

        app.MapGet("/addin", () => Results.Redirect("/addin/taskpane.html")).ExcludeFromDescription();
        app.MapGet("/addin/config.json", (IOptions<AuthOptions> auth) => GetConfig(options, auth.Value)).ExcludeFromDescription();
        app.MapGet("/manifest.xml", (HttpRequest request) => GetManifest(request, options, app.Environment.ContentRootPath)).ExcludeFromDescription();
    }

    internal static AddinConfig GetConfig(AddinOptions addin, AuthOptions auth) =>
        new(auth.DevSignIn, addin.ClientId, addin.Authority, addin.ApiScope);

    internal static IResult GetManifest(HttpRequest request, AddinOptions options, string contentRoot)
    {
        var template = ManifestTemplate.Find(contentRoot, options.DistPath);
        if (template is null)
            return Results.Problem(statusCode: 404, title: "Manifest template not found",
                detail: "Build the add-in (cd addin && npm run build): it copies manifest.xml into its output.");
        var baseUrl = options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}";
        var xml = ManifestTemplate.Rebase(File.ReadAllText(template), baseUrl);
        return Results.Text(xml, "application/xml; charset=utf-8");
    }
}

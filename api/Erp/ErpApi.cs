using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Products;

namespace OutlookCrm.Api.Erp;

public static class ErpApi
{
    public static RouteGroupBuilder MapErp(this RouteGroupBuilder api)
    {
        api.MapPost("/erp/feed", PushFeed).WithTags("ERP");
        return api;
    }

    // POST /api/erp/feed?dryRun=true&asOf=2026-11-27T05:00:00Z — JSON (application/json) or the documented CSV/xlsx file.
    // For the central system (an application token) and administrators. 422 with the per-line errors when anything is wrong.
    internal static async Task<Ok<ErpFeedSummary>> PushFeed(HttpContext http, CrmDbContext db, Caller caller, IConfiguration config,
        IOptions<JsonOptions> json, bool? dryRun, DateTime? asOf, string? encoding, string? fileName)
    {
        // An application reaches this route only with its app role and no X-Act-As (ApplicationAccess.Routes).
        if (!(caller.IsApplication && caller.UserId is null) && caller.Role != UserRole.Admin) throw CrmProblem.Forbidden("Only the central system (application token) and administrators push the ERP feed.");
        var errors = new List<ErpError>();
        List<ErpLine> lines;
        if (http.Request.HasJsonContentType())
        {
            ErpPush? push;
            try { push = await http.Request.ReadFromJsonAsync<ErpPush>(json.Value.SerializerOptions, http.RequestAborted); }
            catch (JsonException e) { throw CrmProblem.Invalid("body", $"The feed is not valid JSON{(e.Path is null ? "" : $" at {e.Path}")}: amounts are numbers, dates yyyy-mm-dd."); }
            if (push?.Companies is null) throw CrmProblem.Invalid("companies", "The feed needs a 'companies' array.");
            asOf ??= push.AsOf;
            lines = ErpFeedFile.FromPush(push, errors);
        }
        else
        {
            var (file, _) = await Upload.SaveAsync(http.Request, ImportOptions.From(config).MaxUploadBytes, fileName, http.RequestAborted);
            await using var _f = file;
            lines = ErpFeedFile.FromTable(TableFile.Read(file, encoding), errors);
        }
        var summary = await ErpFeed.ApplyAsync(db, lines, errors, asOf ?? DateTime.UtcNow, dryRun ?? false, http.RequestAborted);
        if (!summary.DryRun && !summary.Committed)
        {
            var problem = CrmProblem.Rule(summary.Message);
            problem.Extensions["summary"] = summary;
            throw problem;
        }
        return TypedResults.Ok(summary);
    }
}

using Microsoft.AspNetCore.Mvc;

namespace OutlookCrm.Api.Import;

public static class ImportApi
{
    public static RouteGroupBuilder MapImport(this RouteGroupBuilder api)
    {
        api.MapPost("/import", ImportFile).WithTags("Import");
        return api;
    }

    // POST /api/import?dryRun=true&map=Société=CompanyName&encoding=windows-1252 with the CSV as body or multipart file.
    // A dry run answers the summary, or the per-line errors as CSV when asked with Accept: text/csv.
    internal static async Task<Results<Ok<ImportSummary>, ContentHttpResult>> ImportFile(HttpContext http, CrmDbContext db, Caller caller,
        IConfiguration config, ILoggerFactory logs, bool? dryRun, string? encoding, [FromQuery] string[]? map, string? fileName)
    {
        if (!caller.IsManager || caller.IsApplication) throw CrmProblem.Forbidden("Only managers and administrators can import files.");
        var overrides = ImportHeaders.ParseOverrides(map ?? []);
        var (file, name) = await Upload.SaveAsync(http.Request, ImportOptions.From(config).MaxUploadBytes, fileName, http.RequestAborted);
        await using var _ = file;
        var summary = await new CsvImport(db, caller, logs.CreateLogger("OutlookCrm.Import"))
            .RunAsync(file, new ImportRequest(name, dryRun ?? false, encoding, overrides), http.RequestAborted);
        if (!summary.DryRun && !summary.Committed)
        {
            var problem = CrmProblem.Rule(summary.Message);
            problem.Extensions["summary"] = summary;
            throw problem;
        }
        if (summary.DryRun && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            var csv = new StringWriter();
            summary.WriteErrorsCsv(csv);
            return TypedResults.Content(csv.ToString(), "text/csv; charset=utf-8");
        }
        return TypedResults.Ok(summary);
    }
}

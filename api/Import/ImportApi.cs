using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OutlookCrm.Api.Import;

public static class ImportApi
{
    public static RouteGroupBuilder MapImport(this RouteGroupBuilder api)
    {
        api.MapPost("/import", ImportFile).WithTags("Import")
            .AddOpenApiOperationTransformer((operation, _, _) => { operation.RequestBody = UploadBody(); return Task.CompletedTask; });
        return api;
    }

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // The handler reads the body itself (Upload.SaveAsync), so the document is told what it accepts: the file as the
    // raw body (CSV, xlsx, or any type: the content decides), or the first file of a multipart form.
    private static OpenApiRequestBody UploadBody()
    {
        static OpenApiSchema File() => new() { Type = JsonSchemaType.String, Format = "binary", Description = "The CSV or .xlsx file" };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "The file to import: CSV (any encoding the import detects, or ?encoding=) or .xlsx, as the body or as a multipart form's first file.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new() { Schema = File() },
                [Xlsx] = new() { Schema = File() },
                ["application/octet-stream"] = new() { Schema = File() },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = File() },
                    },
                },
            },
        };
    }

    // POST /api/import?dryRun=true&map=Société=CompanyName&encoding=windows-1252&status=Partner=Client&skipInvalid=true&sheet=Clients
    // with the CSV or .xlsx file as body or multipart file. A dry run, or an import with skipInvalid, answers the summary,
    // or the refused lines as CSV when asked with Accept: text/csv.
    internal static async Task<Results<Ok<ImportSummary>, ContentHttpResult>> ImportFile(HttpContext http, CrmDbContext db, Caller caller,
        IConfiguration config, ILoggerFactory logs, bool? dryRun, string? encoding, [FromQuery] string[]? map, string? fileName,
        bool? skipInvalid, string? sheet, [FromQuery] string[]? status)
    {
        if (!caller.IsManager || caller.IsApplication) throw CrmProblem.Forbidden("Only managers and administrators can import files.");
        var overrides = ImportHeaders.ParseOverrides(map ?? []);
        var options = ImportOptions.From(config);
        var statuses = ImportStatuses.With(options.Statuses, status ?? []);
        var (file, name) = await Upload.SaveAsync(http.Request, options.MaxUploadBytes, fileName, http.RequestAborted);
        await using var _ = file;
        var summary = await new CsvImport(db, caller, logs.CreateLogger("OutlookCrm.Import")) { BulkInserts = options.BulkInserts }
            .RunAsync(file, new ImportRequest(name, dryRun ?? false, encoding, overrides, skipInvalid ?? false, sheet, statuses), http.RequestAborted);
        if (!summary.DryRun && !summary.Committed)
        {
            var problem = CrmProblem.Rule(summary.Message);
            problem.Extensions["summary"] = summary;
            throw problem;
        }
        if ((summary.DryRun || summary.SkipInvalid) && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            var csv = new StringWriter();
            summary.WriteErrorsCsv(csv);
            return TypedResults.Content(csv.ToString(), "text/csv; charset=utf-8");
        }
        return TypedResults.Ok(summary);
    }
}

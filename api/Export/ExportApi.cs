namespace OutlookCrm.Api.Export;

public static class ExportApi
{
    public static RouteGroupBuilder MapExport(this RouteGroupBuilder api)
    {
        api.MapGet("/export/{kind}.{format}", ExportFile).WithTags("Export");
        return api;
    }

    // GET /api/export/companies.csv | contacts.xlsx | activities.csv?separator=; — what the caller may see, nothing more.
    internal static async Task<Results<PushStreamHttpResult, FileStreamHttpResult>> ExportFile(string kind, string format, string? separator, CrmDbContext db, Caller caller, CancellationToken ct)
    {
        var table = ExportTables.For(kind, db, caller)
            ?? throw CrmProblem.NotFound("Export", $"'{kind}' (companies, contacts or activities)");
        var name = $"{table.Name.ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd}";
        switch (format.ToLowerInvariant())
        {
            case "csv":
                var sep = separator switch
                {
                    null or "" or "," or "comma" => ',',
                    ";" or "semicolon" => ';',
                    "tab" or "\t" => '\t',
                    _ => throw CrmProblem.Invalid("separator", "The separator is ',' (default), ';' or 'tab'."),
                };
                return TypedResults.Stream(body => ExportWriters.Csv(table, body, sep, ct), "text/csv; charset=utf-8", name + ".csv");
            case "xlsx":
                // The zip writer writes synchronously: build in a temporary file (never in memory), then stream it.
                var file = new FileStream(Path.Combine(Path.GetTempPath(), $"crm-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
                    FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                try
                {
                    await ExportWriters.Xlsx(table, file, ct);
                    file.Position = 0;
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }
                return TypedResults.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            default:
                throw CrmProblem.NotFound("Export format", $"'{format}' (csv or xlsx)");
        }
    }
}

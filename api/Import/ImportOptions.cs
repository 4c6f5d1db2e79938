namespace OutlookCrm.Api.Import;

// "Import" section. Read per request from configuration (the API's service setup stays in Program.cs).
public sealed class ImportOptions
{
    public const string Section = "Import";

    // Larger uploads are refused before a byte is stored: 413.
    public int MaxUploadMegabytes { get; set; } = 200;

    // Additions to the status table (ImportStatuses): "Import:Statuses:Channel Partner" = "Client".
    public Dictionary<string, string?> Statuses { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    // New records by bulk copy on SQLite and PostgreSQL (docs/import.md); false writes them through EF Core as before.
    public bool BulkInserts { get; set; } = true;

    public long MaxUploadBytes => Math.Max(1, MaxUploadMegabytes) * 1024L * 1024L;

    public static ImportOptions From(IConfiguration config) => config.GetSection(Section).Get<ImportOptions>() ?? new ImportOptions();
}

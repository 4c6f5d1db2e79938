using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Products;

// The price list file: Code, Name, Family, UnitPrice, VatRate, Active (yes/no, default yes). Matched on Code, so
// importing the same file again changes nothing; every line is checked before anything is written, and the
// file is applied whole or not at all (a dry run stops after the checks).
public static class PriceListImport
{
    public static readonly string[] Columns = ["Code", "Name", "Family", "UnitPrice", "VatRate", "Active"];

    public static async Task<ProductImportSummary> RunAsync(CrmDbContext db, List<TableRow> rows, string fileName, bool dryRun, CancellationToken ct)
    {
        var errors = new List<ProductImportError>();
        if (rows.Count == 0) throw Import.CsvEncoding.Refused("The file has a header line but no data rows.");
        foreach (var required in new[] { "Code", "Name", "UnitPrice", "VatRate" }.Where(c => !rows[0].Cells.ContainsKey(c)))
            errors.Add(new ProductImportError(1, required, $"Column '{required}' is missing (columns: {string.Join(", ", Columns)})."));
        var families = await db.ProductFamilies.AsNoTracking().ToDictionaryAsync(f => f.Name, f => f.Id, StringComparer.OrdinalIgnoreCase, ct);
        var existing = await db.Products.ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var wanted = new List<(TableRow Row, string Code, string Name, int? Family, decimal Price, decimal Vat, bool Active)>();
        foreach (var row in errors.Count > 0 ? [] : rows)
        {
            var before = errors.Count;
            void Error(string column, string reason) => errors.Add(new ProductImportError(row.Line, column, reason));
            var code = row["Code"];
            if (code is null) Error("Code", "is empty");
            else if (code.Length > CrmModel.Short) Error("Code", $"is longer than {CrmModel.Short} characters");
            else if (seen.TryGetValue(code, out var first)) Error("Code", $"'{code}' is already on line {first}");
            else seen[code] = row.Line;
            var name = row["Name"];
            if (name is null) Error("Name", "is empty");
            else if (name.Length > CrmModel.Name) Error("Name", $"is longer than {CrmModel.Name} characters");
            int? family = null;
            if (row["Family"] is { } f)
            {
                if (families.TryGetValue(f, out var id)) family = id;
                else Error("Family", $"unknown product family '{f}'");
            }
            if (!DecimalText.TryParse(row["UnitPrice"], SalesMath.UnitPriceDecimals, out var price, out var why)) Error("UnitPrice", why);
            else if (price < 0) Error("UnitPrice", "is negative");
            if (!DecimalText.TryParse(row["VatRate"], SalesMath.RateDecimals, out var vat, out why)) Error("VatRate", why);
            else if (SalesMath.CheckVat(vat) is { } bad) Error("VatRate", bad);
            var active = true;
            if (row["Active"] is { } a)
            {
                if (a.ToLowerInvariant() is "yes" or "oui" or "true" or "1" or "y") active = true;
                else if (a.ToLowerInvariant() is "no" or "non" or "false" or "0" or "n") active = false;
                else Error("Active", $"'{a}' is not yes or no");
            }
            if (errors.Count == before) wanted.Add((row, code!, name!, family, price, vat, active));
        }

        int created = 0, updated = 0, unchanged = 0;
        var now = DateTime.UtcNow;
        foreach (var w in wanted)
        {
            if (!existing.TryGetValue(w.Code, out var p))
            {
                created++;
                db.Products.Add(new Product { Code = w.Code, Name = w.Name, ProductFamilyId = w.Family, UnitPrice = w.Price, VatRate = w.Vat,
                    IsActive = w.Active, CreatedAt = now, UpdatedAt = now, Version = 1 });
                continue;
            }
            if (p.Name == w.Name && p.ProductFamilyId == w.Family && p.UnitPrice == w.Price && p.VatRate == w.Vat && p.IsActive == w.Active)
            { unchanged++; continue; }
            updated++;
            (p.Name, p.ProductFamilyId, p.UnitPrice, p.VatRate, p.IsActive, p.UpdatedAt) = (w.Name, w.Family, w.Price, w.Vat, w.Active, now);
            p.Version++;
        }
        var committed = !dryRun && errors.Count == 0;
        if (committed) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new ProductImportSummary(fileName, dryRun, committed, rows.Count, created, updated, unchanged, errors);
    }
}

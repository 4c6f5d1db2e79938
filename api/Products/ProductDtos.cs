using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Products;

public sealed record ProductDto(int Id, string Code, string Name, string? ProductFamily, decimal UnitPrice, decimal VatRate, bool IsActive, int Version);

public sealed record ProductRequest(
    [property: Required, StringLength(CrmModel.Short, MinimumLength = 1)] string Code,
    [property: Required, StringLength(CrmModel.Name, MinimumLength = 1)] string Name,
    [property: Range(typeof(decimal), "0", "1000000000")] decimal UnitPrice,
    [property: Range(typeof(decimal), "0", "100")] decimal VatRate,
    [property: StringLength(CrmModel.Name)] string? ProductFamily = null,
    bool IsActive = true);

public sealed record ProductImportError(int Line, string Column, string Reason);

public sealed record ProductImportSummary(string FileName, bool DryRun, bool Committed, int Rows, int Created, int Updated, int Unchanged,
    IReadOnlyList<ProductImportError> Errors)
{
    public string Message => (DryRun, Committed) switch
    {
        (true, _) => $"Dry run: {Rows} rows; would create {Created}, update {Updated}, leave {Unchanged} unchanged; {Errors.Count} errors. Nothing was saved.",
        (false, true) => $"Price list imported: {Created} products created, {Updated} updated, {Unchanged} unchanged.",
        _ => $"Nothing was imported: {Errors.Count} errors. Fix them and import the whole file again.",
    };
}

internal static class ProductProjection
{
    public static IQueryable<ProductDto> ToDto(this IQueryable<Product> q) => q.Select(p => new ProductDto(
        p.Id, p.Code, p.Name, p.ProductFamily != null ? p.ProductFamily.Name : null, p.UnitPrice, p.VatRate, p.IsActive, p.Version));
}

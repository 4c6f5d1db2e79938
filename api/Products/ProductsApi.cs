using OutlookCrm.Api.Import;
using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Products;

public static class ProductsApi
{
    public static RouteGroupBuilder MapProducts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/products").WithTags("Products");
        group.MapGet("/", ListProducts);
        group.MapGet("/{id:int}", GetProduct).WithName(nameof(GetProduct));
        group.MapPost("/", CreateProduct);
        group.MapPut("/{id:int}", UpdateProduct);
        group.MapPost("/import", ImportProducts);
        return api;
    }

    // Everyone reads the price list; ?q= matches code or name; inactive products only on request.
    internal static async Task<Ok<Page<ProductDto>>> ListProducts(CrmDbContext db, string? q, string? family, bool? includeInactive, long? after, int? limit)
    {
        var size = Page<ProductDto>.Size(limit);
        var query = db.Products.AsNoTracking();
        if (includeInactive != true) query = query.Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(p => p.Code.Contains(q) || p.Name.Contains(q));
        if (!string.IsNullOrWhiteSpace(family)) query = query.Where(p => p.ProductFamily!.Name == family);
        if (after is not null) query = query.Where(p => p.Id > after);
        var rows = await query.OrderBy(p => p.Id).Take(size + 1).ToDto().ToListAsync();
        return TypedResults.Ok(Page<ProductDto>.From(rows, size, p => p.Id));
    }

    internal static async Task<Ok<ProductDto>> GetProduct(int id, CrmDbContext db, HttpResponse response) =>
        TypedResults.Ok(await Read(db, id, response));

    internal static async Task<CreatedAtRoute<ProductDto>> CreateProduct(ProductRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        RequireManager(caller);
        if (await db.Products.AnyAsync(p => p.Code == request.Code.Trim()))
            throw CrmProblem.Conflict($"A product with code '{request.Code.Trim()}' exists already.");
        var now = DateTime.UtcNow;
        var product = new Product { Code = request.Code.Trim(), Name = "", CreatedAt = now, Version = 1 };
        await Apply(db, product, request);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return TypedResults.CreatedAtRoute(await Read(db, product.Id, response), nameof(GetProduct), new { id = product.Id });
    }

    internal static async Task<Ok<ProductDto>> UpdateProduct(int id, ProductRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller, HttpResponse response)
    {
        RequireManager(caller);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id) ?? throw CrmProblem.NotFound("Product", id);
        ifMatch.Check(product.Version);
        if (request.Code.Trim() != product.Code && await db.Products.AnyAsync(p => p.Code == request.Code.Trim()))
            throw CrmProblem.Conflict($"A product with code '{request.Code.Trim()}' exists already.");
        product.Code = request.Code.Trim();
        await Apply(db, product, request);
        product.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await Read(db, id, response));
    }

    // POST /api/products/import?dryRun=true with a CSV or .xlsx (raw body or multipart file).
    internal static async Task<Ok<ProductImportSummary>> ImportProducts(HttpContext http, CrmDbContext db, Caller caller, IConfiguration config,
        bool? dryRun, string? encoding, string? fileName)
    {
        RequireManager(caller);
        var (file, name) = await Upload.SaveAsync(http.Request, ImportOptions.From(config).MaxUploadBytes, fileName, http.RequestAborted);
        await using var _ = file;
        var summary = await PriceListImport.RunAsync(db, TableFile.Read(file, encoding), name, dryRun ?? false, http.RequestAborted);
        if (!summary.DryRun && !summary.Committed)
        {
            var problem = CrmProblem.Rule(summary.Message);
            problem.Extensions["summary"] = summary;
            throw problem;
        }
        return TypedResults.Ok(summary);
    }

    internal static void RequireManager(Caller caller)
    {
        if (!caller.IsManager) throw CrmProblem.Forbidden("Only managers and administrators can change the price list.");
    }

    private static async Task Apply(CrmDbContext db, Product p, ProductRequest r)
    {
        if (SalesMath.CheckVat(r.VatRate) is { } vat) throw CrmProblem.Invalid(nameof(r.VatRate), vat);
        if (SalesMath.Decimals(r.UnitPrice) > SalesMath.UnitPriceDecimals)
            throw CrmProblem.Invalid(nameof(r.UnitPrice), $"Unit price has more than {SalesMath.UnitPriceDecimals} decimals.");
        int? family = null;
        if (!string.IsNullOrWhiteSpace(r.ProductFamily))
            family = await db.ProductFamilies.Where(f => f.Name == r.ProductFamily.Trim()).Select(f => (int?)f.Id).FirstOrDefaultAsync()
                ?? throw CrmProblem.Invalid(nameof(r.ProductFamily), $"Unknown product family '{r.ProductFamily}'.");
        p.Name = r.Name.Trim(); p.UnitPrice = r.UnitPrice; p.VatRate = r.VatRate; p.ProductFamilyId = family; p.IsActive = r.IsActive;
        p.UpdatedAt = DateTime.UtcNow;
    }

    private static async Task<ProductDto> Read(CrmDbContext db, int id, HttpResponse response)
    {
        var dto = await db.Products.AsNoTracking().Where(p => p.Id == id).ToDto().FirstOrDefaultAsync() ?? throw CrmProblem.NotFound("Product", id);
        ETag.Set(response, dto.Version);
        return dto;
    }
}

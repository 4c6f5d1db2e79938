using Microsoft.EntityFrameworkCore;
using System.Net;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Products;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

// What the sales suites share: product families, products, companies with an ERP key.
public static class SalesSetup
{
    public static void EnsureFamilies(CrmApp app, params string[] names) => app.WithDb(db =>
    {
        foreach (var n in names.Where(n => !db.ProductFamilies.Any(f => f.Name == n))) db.ProductFamilies.Add(new ProductFamily { Name = n });
        return db.SaveChanges();
    });

    public static async Task<ProductDto> NewProduct(HttpClient manager, string code, decimal price, decimal vat = 20, string? family = null) =>
        await (await manager.Post("/api/products", new { code, name = $"Product {code}", unitPrice = price, vatRate = vat, productFamily = family }))
            .Read<ProductDto>(HttpStatusCode.Created);

    public static void SetExternalKey(CrmApp app, long companyId, string key) => app.WithDb(db =>
        db.Companies.Where(c => c.Id == companyId).ExecuteUpdate(s => s.SetProperty(c => c.ExternalKey, key)));

    public static HttpContent Csv(string text) => new StringContent(text, System.Text.Encoding.UTF8, "text/csv");

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];
}

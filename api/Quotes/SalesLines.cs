using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.Quotes;

internal static class SalesLines
{
    // Checks each requested line (errors name the line: Lines[2].Quantity) and fills product defaults; nets via SalesMath.
    public static async Task<List<QuoteLine>> BuildAsync(CrmDbContext db, IReadOnlyList<SalesLineRequest> requests)
    {
        var ids = requests.Where(r => r.ProductId is not null).Select(r => r.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var lines = new List<QuoteLine>();
        foreach (var (r, i) in requests.Select((r, i) => (r, i)))
        {
            Product? product = null;
            if (r.ProductId is int pid && (!products.TryGetValue(pid, out product) || !product.IsActive))
                throw CrmProblem.Invalid($"Lines[{i}].ProductId", $"Product {pid} does not exist or is no longer sold.");
            var input = new LineInput((r.Description ?? product?.Name ?? "").Trim(), r.Quantity, r.UnitPrice ?? product?.UnitPrice ?? -1,
                r.DiscountPercent, r.VatRate ?? product?.VatRate ?? -1);
            if (r.UnitPrice is null && product is null) throw CrmProblem.Invalid($"Lines[{i}].UnitPrice", "A free-text line needs a unit price.");
            if (r.VatRate is null && product is null) throw CrmProblem.Invalid($"Lines[{i}].VatRate", "A free-text line needs a VAT rate.");
            if (SalesMath.Check(input) is { } reason) throw CrmProblem.Invalid($"Lines[{i}]", $"Line {i + 1}: {reason}");
            lines.Add(new QuoteLine
            {
                Position = i + 1, ProductId = product?.Id, ProductFamilyId = product?.ProductFamilyId, Description = input.Description,
                Quantity = input.Quantity, UnitPrice = input.UnitPrice, DiscountPercent = input.DiscountPercent, VatRate = input.VatRate,
                NetAmount = SalesMath.LineNet(input.Quantity, input.UnitPrice, input.DiscountPercent),
            });
        }
        return lines;
    }

    public static Totals TotalsOf(IEnumerable<SalesLine> lines) => SalesMath.Compute(lines.Select(l => (l.NetAmount, l.VatRate)));
}

// "Today" for validity and overdue follow-ups: the date in the reports' time zone (Reports:TimeZone).
public static class SalesClock
{
    public static DateOnly Today(IConfiguration config) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ReportOptions.From(config).Zone()));
}

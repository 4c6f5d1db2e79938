using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Orders;

internal static class OrderWrites
{
    // Called inside the transaction that accepts the quote: lines copied, number O-<year>-<n>, credited to the quote's owner.
    public static async Task<Order> FromQuoteAsync(CrmDbContext db, Quote quote, DateOnly today, DateTime now)
    {
        if (await db.Orders.AnyAsync(o => o.QuoteId == quote.Id)) throw CrmProblem.Conflict($"Quote {quote.Number} already has its order.");
        var order = new Order
        {
            Number = await DocumentNumbers.NextAsync(db, "O", today.Year), Source = OrderSource.Quote, CompanyId = quote.CompanyId,
            DealId = quote.DealId, QuoteId = quote.Id, OwnerId = quote.OwnerId, OrderedOn = today,
            TotalExclVat = quote.TotalExclVat, TotalVat = quote.TotalVat, TotalInclVat = quote.TotalInclVat, CreatedAt = now, UpdatedAt = now, Version = 1,
            Lines = quote.Lines.OrderBy(l => l.Position).Select(l => new OrderLine
            {
                Position = l.Position, ProductId = l.ProductId, ProductFamilyId = l.ProductFamilyId, Description = l.Description,
                Quantity = l.Quantity, UnitPrice = l.UnitPrice, DiscountPercent = l.DiscountPercent, VatRate = l.VatRate, NetAmount = l.NetAmount,
            }).ToList(),
        };
        db.Orders.Add(order);
        var company = await db.Companies.FirstAsync(c => c.Id == quote.CompanyId);
        AddToSales(company, order.TotalExclVat, order.OrderedOn, today);
        return order;
    }

    // Until the ERP's next push restates them, the CRM's own orders count in the customer's sales figures.
    // The company's version moves, so an edit based on the old figures gets 412 instead of writing them back.
    public static void AddToSales(Company company, decimal amount, DateOnly orderedOn, DateOnly today)
    {
        if (orderedOn.Year == today.Year) company.SalesYearToDate += amount;
        else if (orderedOn.Year == today.Year - 1) company.SalesLastYear += amount;
        else return;
        company.Version++;
    }
}

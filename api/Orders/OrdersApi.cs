using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Orders;

// Orders are written by accepting a quote (POST /api/quotes/{id}/accept) or by the ERP feed; here they are read.
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Orders");
        group.MapGet("/", ListOrders);
        group.MapGet("/{id:long}", GetOrder);
        return api;
    }

    public static IQueryable<Order> VisibleTo(this IQueryable<Order> orders, CrmDbContext db, Caller caller)
    {
        var companyIds = db.Companies.VisibleTo(caller).Select(c => c.Id);
        return orders.Where(o => companyIds.Contains(o.CompanyId));
    }

    internal static async Task<Ok<Page<OrderSummaryDto>>> ListOrders(CrmDbContext db, Caller caller, long? companyId, int? ownerId,
        DateOnly? from, DateOnly? to, long? after, int? limit)
    {
        var size = Page<OrderSummaryDto>.Size(limit);
        var query = db.Orders.AsNoTracking().VisibleTo(db, caller);
        if (companyId is not null) query = query.Where(o => o.CompanyId == companyId);
        if (ownerId is not null) query = query.Where(o => o.OwnerId == ownerId);
        if (from is not null) query = query.Where(o => o.OrderedOn >= from);
        if (to is not null) query = query.Where(o => o.OrderedOn <= to);
        if (after is not null) query = query.Where(o => o.Id > after);
        var rows = await query.OrderBy(o => o.Id).Take(size + 1)
            .Select(o => new OrderSummaryDto(o.Id, o.Number, o.ExternalNumber, o.Source, o.CompanyId, o.Company!.Name, o.OwnerId, o.OrderedOn,
                o.TotalExclVat, o.TotalInclVat))
            .ToListAsync();
        return TypedResults.Ok(Page<OrderSummaryDto>.From(rows, size, o => o.Id));
    }

    internal static async Task<Ok<OrderDto>> GetOrder(long id, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var dto = await db.Orders.AsNoTracking().VisibleTo(db, caller).Where(o => o.Id == id)
            .Select(o => new OrderDto(o.Id, o.Number, o.ExternalNumber, o.Source, o.CompanyId, o.Company!.Name, o.DealId, o.QuoteId, o.OwnerId,
                o.Owner != null ? o.Owner.DisplayName : null, o.OrderedOn, o.TotalExclVat, o.TotalVat, o.TotalInclVat,
                o.Lines.OrderBy(l => l.Position).Select(l => new SalesLineDto(l.Position, l.ProductId,
                    db.Products.Where(p => p.Id == l.ProductId).Select(p => p.Code).FirstOrDefault(), l.Description, l.Quantity, l.UnitPrice,
                    l.DiscountPercent, l.VatRate, l.NetAmount)).ToList(), o.Version))
            .FirstOrDefaultAsync() ?? throw CrmProblem.NotFound("Order", id);
        ETag.Set(response, dto.Version);
        return TypedResults.Ok(dto);
    }
}

namespace OutlookCrm.Api.Quotes;

public static class QuotesApi
{
    public static RouteGroupBuilder MapQuotes(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/quotes").WithTags("Quotes");
        group.MapGet("/", ListQuotes);
        group.MapGet("/{id:long}", GetQuote).WithName(nameof(GetQuote));
        group.MapGet("/{id:long}/document", QuoteDocument.GetDocument);
        group.MapPost("/", QuoteWrites.CreateQuote);
        group.MapPut("/{id:long}", QuoteWrites.UpdateQuote);
        group.MapPost("/{id:long}/send", QuoteFlow.Send);
        group.MapPost("/{id:long}/accept", QuoteFlow.Accept);
        group.MapPost("/{id:long}/refuse", QuoteFlow.Refuse);
        return api;
    }

    public static IQueryable<Quote> VisibleTo(this IQueryable<Quote> quotes, CrmDbContext db, Caller caller)
    {
        var companyIds = db.Companies.VisibleTo(caller).Select(c => c.Id);
        return quotes.Where(q => companyIds.Contains(q.CompanyId));
    }

    // ?status=Expired finds draft and sent quotes past their validity date (expiry is computed, not stored).
    internal static async Task<Ok<Page<QuoteSummaryDto>>> ListQuotes(CrmDbContext db, Caller caller, IConfiguration config,
        long? dealId, long? companyId, int? ownerId, QuoteStatus? status, long? after, int? limit)
    {
        var size = Page<QuoteSummaryDto>.Size(limit);
        var today = SalesClock.Today(config);
        var query = db.Quotes.AsNoTracking().VisibleTo(db, caller);
        if (dealId is not null) query = query.Where(q => q.DealId == dealId);
        if (companyId is not null) query = query.Where(q => q.CompanyId == companyId);
        if (ownerId is not null) query = query.Where(q => q.OwnerId == ownerId);
        query = status switch
        {
            null => query,
            QuoteStatus.Expired => query.Where(q => (q.Status == QuoteStatus.Draft || q.Status == QuoteStatus.Sent) && q.ValidUntil < today),
            QuoteStatus.Draft or QuoteStatus.Sent => query.Where(q => q.Status == status && q.ValidUntil >= today),
            _ => query.Where(q => q.Status == status),
        };
        if (after is not null) query = query.Where(q => q.Id > after);
        var rows = await query.OrderBy(q => q.Id).Take(size + 1)
            .Select(q => new QuoteSummaryDto(q.Id, q.Number, q.DealId, q.CompanyId, q.Company!.Name, q.OwnerId, q.Status, q.ValidUntil,
                q.TotalExclVat, q.TotalInclVat, q.SentAt, q.Version))
            .ToListAsync();
        rows = rows.Select(r => r with { Status = QuoteStatuses.Effective(r.Status, r.ValidUntil, today) }).ToList();
        return TypedResults.Ok(Page<QuoteSummaryDto>.From(rows, size, q => q.Id));
    }

    internal static async Task<Ok<QuoteDto>> GetQuote(long id, CrmDbContext db, Caller caller, IConfiguration config, HttpResponse response) =>
        TypedResults.Ok(await Read(db, caller, id, SalesClock.Today(config), response));

    internal static async Task<QuoteDto> Read(CrmDbContext db, Caller caller, long id, DateOnly today, HttpResponse? response)
    {
        var q = await db.Quotes.AsNoTracking().VisibleTo(db, caller).Where(x => x.Id == id)
            .Select(x => new
            {
                Quote = x, DealTitle = x.Deal!.Title, CompanyName = x.Company!.Name, OwnerName = x.Owner!.DisplayName,
                Order = db.Orders.Where(o => o.QuoteId == x.Id).Select(o => new { o.Id, o.Number }).FirstOrDefault(),
                Lines = x.Lines.OrderBy(l => l.Position).Select(l => new SalesLineDto(l.Position, l.ProductId,
                    db.Products.Where(p => p.Id == l.ProductId).Select(p => p.Code).FirstOrDefault(), l.Description, l.Quantity, l.UnitPrice,
                    l.DiscountPercent, l.VatRate, l.NetAmount)).ToList(),
            })
            .FirstOrDefaultAsync() ?? throw CrmProblem.NotFound("Quote", id);
        var x = q.Quote;
        if (response is not null) ETag.Set(response, x.Version);
        var totals = SalesMath.Compute(q.Lines.Select(l => (l.NetAmount, l.VatRate)));
        return new QuoteDto(x.Id, x.Number, x.DealId, q.DealTitle, x.CompanyId, q.CompanyName, x.OwnerId, q.OwnerName,
            QuoteStatuses.Effective(x.Status, x.ValidUntil, today), x.ValidUntil, x.Terms, x.TotalExclVat, x.TotalVat, x.TotalInclVat,
            totals.ByRate, x.CreatedAt, x.SentAt, x.DecidedAt, q.Order?.Id, q.Order?.Number, q.Lines, x.Version);
    }
}

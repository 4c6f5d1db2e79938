namespace OutlookCrm.Api.Quotes;

internal static class QuoteWrites
{
    public const int DefaultValidityDays = 30;

    // A new quote is a draft on a visible, open deal, numbered Q-<year>-<n> in the same transaction that stores it.
    public static async Task<CreatedAtRoute<QuoteDto>> CreateQuote(QuoteRequest request, CrmDbContext db, Caller caller, IConfiguration config,
        HttpResponse response)
    {
        caller.RequireUser();
        var today = SalesClock.Today(config);
        var deal = await OpenDeal(db, caller, request.DealId);
        var lines = await SalesLines.BuildAsync(db, request.Lines ?? []);
        var validUntil = CheckValidity(request.ValidUntil ?? today.AddDays(DefaultValidityDays), today);
        var now = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync();
        var quote = new Quote
        {
            Number = await DocumentNumbers.NextAsync(db, "Q", today.Year), DealId = deal.Id, CompanyId = deal.CompanyId, OwnerId = deal.OwnerId,
            Status = QuoteStatus.Draft, ValidUntil = validUntil, Terms = request.Terms?.Trim(), CreatedAt = now, UpdatedAt = now, Version = 1,
            Lines = lines,
        };
        SetTotals(quote);
        db.Quotes.Add(quote);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return TypedResults.CreatedAtRoute(await QuotesApi.Read(db, caller, quote.Id, today, response), nameof(QuotesApi.GetQuote), new { id = quote.Id });
    }

    // Only a draft changes; its lines are replaced as a whole. Once sent, a quote is what the customer received.
    public static async Task<Ok<QuoteDto>> UpdateQuote(long id, QuoteRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller,
        IConfiguration config, HttpResponse response)
    {
        var today = SalesClock.Today(config);
        var quote = await Load(db, caller, id, ifMatch);
        if (quote.Status != QuoteStatus.Draft)
            throw CrmProblem.Rule($"Quote {quote.Number} is {quote.Status.ToString().ToLowerInvariant()}: only a draft can be changed. Write a new quote instead.");
        if (request.DealId != quote.DealId) throw CrmProblem.Invalid(nameof(request.DealId), "A quote stays on the deal it was written for.");
        var lines = await SalesLines.BuildAsync(db, request.Lines ?? []);
        quote.ValidUntil = CheckValidity(request.ValidUntil ?? quote.ValidUntil, today);
        quote.Terms = request.Terms?.Trim();
        db.QuoteLines.RemoveRange(quote.Lines);
        quote.Lines = lines;
        SetTotals(quote);
        quote.UpdatedAt = DateTime.UtcNow;
        quote.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await QuotesApi.Read(db, caller, id, today, response));
    }

    internal static void SetTotals(Quote quote)
    {
        var totals = SalesLines.TotalsOf(quote.Lines);
        (quote.TotalExclVat, quote.TotalVat, quote.TotalInclVat) = (totals.ExclVat, totals.Vat, totals.InclVat);
    }

    internal static async Task<Quote> Load(CrmDbContext db, Caller caller, long id, IfMatch ifMatch)
    {
        var quote = await db.Quotes.VisibleTo(db, caller).Include(q => q.Lines).FirstOrDefaultAsync(q => q.Id == id)
            ?? throw CrmProblem.NotFound("Quote", id);
        ifMatch.Check(quote.Version);
        return quote;
    }

    private static async Task<Deal> OpenDeal(CrmDbContext db, Caller caller, long dealId)
    {
        var deal = await db.Deals.AsNoTracking().VisibleTo(db, caller).Include(d => d.Stage).FirstOrDefaultAsync(d => d.Id == dealId)
            ?? throw CrmProblem.Invalid("DealId", $"Deal {dealId} does not exist or is not in your scope.");
        if (deal.Stage!.Kind != StageKind.Open) throw CrmProblem.Rule($"Deal {dealId} is {deal.Stage.Name.ToLowerInvariant()}: a quote is written on an open deal.");
        return deal;
    }

    private static DateOnly CheckValidity(DateOnly validUntil, DateOnly today) =>
        validUntil < today ? throw CrmProblem.Invalid("ValidUntil", $"The validity date {validUntil:yyyy-MM-dd} is already past.")
        : validUntil > today.AddYears(1) ? throw CrmProblem.Invalid("ValidUntil", "A quote is valid for at most a year.")
        : validUntil;
}

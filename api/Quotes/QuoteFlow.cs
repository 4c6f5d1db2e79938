using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Orders;
using OutlookCrm.Api.Reports;

namespace OutlookCrm.Api.Quotes;

// The life of a quote: draft → sent → accepted (an order) or refused; a draft or sent quote past its validity reads
// as expired and can no longer be sent or accepted. Every move goes through the deal's stage rules (history kept).
internal static class QuoteFlow
{
    public static async Task<Ok<QuoteDto>> Send(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, IConfiguration config, HttpResponse response)
    {
        var today = SalesClock.Today(config);
        var quote = await QuoteWrites.Load(db, caller, id, ifMatch);
        Expect(quote, today, QuoteStatus.Draft, "sent");
        if (quote.Lines.Count == 0) throw CrmProblem.Rule($"Quote {quote.Number} has no lines: there is nothing to send.");
        var deal = await Deal(db, quote);
        if (deal.Stage!.Kind != StageKind.Open) throw CrmProblem.Rule($"The deal is {deal.Stage.Name.ToLowerInvariant()}: its quotes can no longer be sent.");
        var now = DateTime.UtcNow;
        // The deal enters the quote stage (Reports:QuoteStage) unless it is already at it or further.
        var stage = await QuoteStage(db, ReportOptions.From(config));
        if (stage is not null && deal.Stage.Order < stage.Order)
        {
            DealWrites.EnterStage(deal, stage, caller, now, from: deal.StageId);
            deal.UpdatedAt = now;
            deal.Version++;
        }
        quote.Status = QuoteStatus.Sent;
        quote.SentAt = now;
        return await Save(db, caller, quote, today, response);
    }

    // The customer said yes: the order is created from the quote's lines, the deal is won with the order's amount
    // (excluding VAT), and the amount counts in the customer's sales this year.
    public static async Task<Ok<QuoteDto>> Accept(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, IConfiguration config, HttpResponse response)
    {
        var today = SalesClock.Today(config);
        var quote = await QuoteWrites.Load(db, caller, id, ifMatch);
        Expect(quote, today, QuoteStatus.Sent, "accepted");
        var deal = await Deal(db, quote);
        if (deal.Stage!.Kind != StageKind.Open) throw CrmProblem.Rule($"The deal is already {deal.Stage.Name.ToLowerInvariant()}: accept its quote on an open deal.");
        var won = await db.PipelineStages.Where(s => s.Kind == StageKind.Won).OrderBy(s => s.Order).FirstOrDefaultAsync()
            ?? throw CrmProblem.Rule("No pipeline stage means 'won': an administrator must define one.");
        var now = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync();
        var order = await OrderWrites.FromQuoteAsync(db, quote, today, now);
        deal.Amount = order.TotalExclVat;
        DealWrites.EnterStage(deal, won, caller, now, from: deal.StageId);
        deal.UpdatedAt = now;
        deal.Version++;
        quote.Status = QuoteStatus.Accepted;
        quote.DecidedAt = now;
        var result = await Save(db, caller, quote, today, response);
        await tx.CommitAsync();
        return result;
    }

    public static async Task<Ok<QuoteDto>> Refuse(long id, IfMatch ifMatch, CrmDbContext db, Caller caller, IConfiguration config, HttpResponse response)
    {
        var today = SalesClock.Today(config);
        var quote = await QuoteWrites.Load(db, caller, id, ifMatch);
        // A customer may refuse a quote after its validity date; only a sent quote can be refused.
        if (quote.Status != QuoteStatus.Sent)
            throw CrmProblem.Rule($"Quote {quote.Number} is {QuoteStatuses.Effective(quote.Status, quote.ValidUntil, today).ToString().ToLowerInvariant()}: only a sent quote can be refused.");
        quote.Status = QuoteStatus.Refused;
        quote.DecidedAt = DateTime.UtcNow;
        return await Save(db, caller, quote, today, response);
    }

    private static void Expect(Quote quote, DateOnly today, QuoteStatus from, string verb)
    {
        var status = QuoteStatuses.Effective(quote.Status, quote.ValidUntil, today);
        if (status == QuoteStatus.Expired)
            throw CrmProblem.Rule($"Quote {quote.Number} expired on {quote.ValidUntil:yyyy-MM-dd}: it cannot be {verb}. Write a new quote" +
                (quote.Status == QuoteStatus.Draft ? " or give this draft a new validity date." : "."));
        if (status != from)
            throw CrmProblem.Rule($"Quote {quote.Number} is {status.ToString().ToLowerInvariant()}: only a {from.ToString().ToLowerInvariant()} quote can be {verb}.");
    }

    private static async Task<Deal> Deal(CrmDbContext db, Quote quote) =>
        await db.Deals.Include(d => d.Stage).FirstAsync(d => d.Id == quote.DealId);

    private static async Task<PipelineStage?> QuoteStage(CrmDbContext db, ReportOptions options)
    {
        var order = await ResultFigures.QuoteOrderAsync(db, options);
        return await db.PipelineStages.FirstOrDefaultAsync(s => s.Order == order && s.Kind == StageKind.Open);
    }

    private static async Task<Ok<QuoteDto>> Save(CrmDbContext db, Caller caller, Quote quote, DateOnly today, HttpResponse response)
    {
        quote.UpdatedAt = DateTime.UtcNow;
        quote.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await QuotesApi.Read(db, caller, quote.Id, today, response));
    }
}

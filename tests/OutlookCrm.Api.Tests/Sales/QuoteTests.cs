using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Deals;
using OutlookCrm.Api.Orders;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

public abstract class QuoteTests : ApiTest
{
    private async Task<(HttpClient Rep, DealDto Deal, QuoteDto Quote)> DraftQuote(string name)
    {
        SalesSetup.EnsureFamilies(App, "Quote tools");
        var product = await SalesSetup.NewProduct(As(Team.NorthManager), SalesSetup.Unique("Q"), 0.335m, 20, "Quote tools");
        var rep = As(Team.RepA);
        var deal = await NewDeal(rep, (await NewCompany(rep, name)).Id, amount: 5000);
        var quote = await (await rep.Post("/api/quotes", new
        {
            dealId = deal.Id,
            lines = new object[]
            {
                new { productId = product.Id, quantity = 3 },                                       // 1.005 → 1.01 at 20 %
                new { description = "Installation", quantity = 1, unitPrice = 1000, discountPercent = 12.5, vatRate = 10 }, // 875.00 at 10 %
            },
        })).Read<QuoteDto>(HttpStatusCode.Created);
        return (rep, deal, quote);
    }

    [TestMethod]
    public async Task AQuoteIsNumberedPerYearAndItsTotalsFollowTheRoundingRules()
    {
        var (rep, deal, quote) = await DraftQuote("Quote totals");
        StringAssert.Matches(quote.Number, new Regex($"^Q-{DateTime.UtcNow.Year}-\\d{{4}}$"));
        Assert.AreEqual(QuoteStatus.Draft, quote.Status);
        Assert.AreEqual(1.01m, quote.Lines[0].NetAmount);
        Assert.AreEqual(875.00m, quote.Lines[1].NetAmount);
        Assert.AreEqual(876.01m, quote.TotalExclVat);
        Assert.AreEqual(0.20m + 87.50m, quote.TotalVat);
        Assert.AreEqual(963.71m, quote.TotalInclVat);
        var next = await (await rep.Post("/api/quotes", new { dealId = deal.Id })).Read<QuoteDto>(HttpStatusCode.Created);
        Assert.AreEqual(int.Parse(quote.Number[^4..]) + 1, int.Parse(next.Number[^4..]));
    }

    [TestMethod]
    public async Task QuotesWrittenAtTheSameTimeNeverShareANumber()
    {
        var rep = As(Team.RepA);
        var deal = await NewDeal(rep, (await NewCompany(rep, "Quote race")).Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => As(Team.RepA).Post("/api/quotes", new { dealId = deal.Id })));
        var created = await Task.WhenAll(responses.Select(r => r.Read<QuoteDto>(HttpStatusCode.Created)));
        Assert.AreEqual(8, created.Select(q => q.Number).Distinct().Count(), string.Join(", ", created.Select(q => q.Number)));
    }

    [TestMethod]
    public async Task SendingMovesTheDealToTheQuoteStageAndFreezesTheQuote()
    {
        var (rep, deal, quote) = await DraftQuote("Quote send");
        var sent = await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/send", null, Tag(quote.Version))).Read<QuoteDto>();
        Assert.AreEqual(QuoteStatus.Sent, sent.Status);
        var moved = await (await rep.GetAsync($"/api/deals/{deal.Id}")).Read<DealDto>();
        Assert.AreEqual("Quote sent", moved.StageName);
        var history = await (await rep.GetAsync($"/api/deals/{deal.Id}/history")).Read<List<StageChangeDto>>();
        Assert.AreEqual("Quote sent", history[^1].ToStageName);
        Assert.AreEqual(Team.RepA.Id, history[^1].ChangedById);

        await (await rep.Put($"/api/quotes/{quote.Id}", new { dealId = deal.Id, lines = Array.Empty<object>() }, Tag(sent.Version)))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);
        await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/send", null, Tag(sent.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        // A stale ETag loses, as everywhere else.
        await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/refuse", null, Tag(quote.Version))).AssertProblem(HttpStatusCode.PreconditionFailed);
    }

    [TestMethod]
    public async Task AcceptingAQuoteCreatesTheOrderWinsTheDealAndCountsInTheCustomersSales()
    {
        var (rep, deal, quote) = await DraftQuote("Quote accept");
        var before = await (await rep.GetAsync($"/api/companies/{deal.CompanyId}")).Read<CompanyDto>();
        var seqBefore = App.WithDb(db => db.Companies.Where(c => c.Id == deal.CompanyId).Select(c => c.ChangeSeq).First());
        await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/accept", null, Tag(quote.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        var sent = await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/send", null, Tag(quote.Version))).Read<QuoteDto>();
        var accepted = await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/accept", null, Tag(sent.Version))).Read<QuoteDto>();

        Assert.AreEqual(QuoteStatus.Accepted, accepted.Status);
        StringAssert.Matches(accepted.OrderNumber, new Regex($"^O-{DateTime.UtcNow.Year}-\\d{{4}}$"));
        var order = await (await rep.GetAsync($"/api/orders/{accepted.OrderId}")).Read<OrderDto>();
        Assert.AreEqual(876.01m, order.TotalExclVat);
        Assert.AreEqual(963.71m, order.TotalInclVat);
        Assert.AreEqual(2, order.Lines.Count);
        Assert.AreEqual(quote.Lines[1].Description, order.Lines[1].Description);
        var won = await (await rep.GetAsync($"/api/deals/{deal.Id}")).Read<DealDto>();
        Assert.AreEqual(StageKind.Won, won.StageKind);
        Assert.AreEqual(876.01m, won.Amount);
        var after = await (await rep.GetAsync($"/api/companies/{deal.CompanyId}")).Read<CompanyDto>();
        Assert.AreEqual(before.SalesYearToDate + 876.01m, after.SalesYearToDate);
        Assert.AreNotEqual(before.Version, after.Version);
        Assert.IsTrue(App.WithDb(db => db.Companies.Where(c => c.Id == deal.CompanyId).Select(c => c.ChangeSeq).First()) > seqBefore,
            "The company's new figures must reach the change feed.");
        await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/accept", null, Tag(accepted.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.AreEqual(1, App.WithDb(db => db.Orders.Count(o => o.QuoteId == quote.Id)));
    }

    [TestMethod]
    public async Task AQuotePastItsValidityReadsExpiredAndCanNeitherBeSentNorAccepted()
    {
        var (rep, _, quote) = await DraftQuote("Quote expiry");
        var sent = await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/send", null, Tag(quote.Version))).Read<QuoteDto>();
        App.WithDb(db => db.Quotes.Where(q => q.Id == quote.Id).ExecuteUpdate(s => s.SetProperty(q => q.ValidUntil, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3))));
        var expired = await (await rep.GetAsync($"/api/quotes/{quote.Id}")).Read<QuoteDto>();
        Assert.AreEqual(QuoteStatus.Expired, expired.Status);
        var listed = await (await rep.GetAsync($"/api/quotes?status=Expired&companyId={quote.CompanyId}")).Read<Page<QuoteSummaryDto>>();
        Assert.AreEqual(quote.Id, listed.Items.Single().Id);
        var problem = await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/accept", null, Tag(sent.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "expired");
        // The customer may still say no.
        var refused = await (await rep.Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/refuse", null, Tag(sent.Version))).Read<QuoteDto>();
        Assert.AreEqual(QuoteStatus.Refused, refused.Status);
    }

    [TestMethod]
    public async Task BadLinesAreRefusedWithTheLineNamed()
    {
        var rep = As(Team.RepA);
        var deal = await NewDeal(rep, (await NewCompany(rep, "Quote bad lines")).Id);
        var problem = await (await rep.Post("/api/quotes", new
        {
            dealId = deal.Id, lines = new object[] { new { description = "ok", unitPrice = 1, vatRate = 20 }, new { description = "x", quantity = 1.0001, unitPrice = 1, vatRate = 20 } },
        })).AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.GetRawText(), "Lines[1]");
        await (await rep.Post("/api/quotes", new { dealId = deal.Id, lines = new object[] { new { description = "free", unitPrice = 1 } } }))
            .AssertProblem(HttpStatusCode.BadRequest);
        await (await rep.Post("/api/quotes", new { dealId = deal.Id, validUntil = "2001-01-01" })).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task AQuoteIsSeenOnlyByThoseWhoSeeItsCustomer()
    {
        var (_, _, quote) = await DraftQuote("Quote visibility");
        await (await As(Team.RepSouth).GetAsync($"/api/quotes/{quote.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await As(Team.RepSouth).GetAsync($"/api/quotes/{quote.Id}/document")).AssertProblem(HttpStatusCode.NotFound);
        await (await As(Team.RepSouth).Send(HttpMethod.Post, $"/api/quotes/{quote.Id}/send", null, Tag(quote.Version))).AssertProblem(HttpStatusCode.NotFound);
        Assert.AreEqual(HttpStatusCode.OK, (await As(Team.NorthManager).GetAsync($"/api/quotes/{quote.Id}")).StatusCode);
    }

    [TestMethod]
    public async Task TheQuoteDocumentIsAValidWordFileWithTheCustomerLinesAndTotals()
    {
        var (rep, _, quote) = await DraftQuote("Menuiserie Document");
        var response = await rep.GetAsync($"/api/quotes/{quote.Id}/document");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(QuoteDocument.ContentType, response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(response.Content.Headers.ContentDisposition?.FileName, $"{quote.Number}.docx");
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.AreEqual(0, errors.Count, string.Join("; ", errors.Select(e => e.Description)));
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        foreach (var expected in new[] { quote.Number, "Menuiserie Document", "Installation", "876,01 €", "963,71 €", "TVA 10 %", "87,50 €" })
            StringAssert.Contains(text, expected, $"'{expected}' missing from: {text}");
    }
}

[TestClass] public sealed class QuotesOnSqlite : QuoteTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class QuotesOnPostgreSql : QuoteTests { protected override Provider Provider => Provider.PostgreSql; }

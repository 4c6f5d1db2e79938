using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Demo;

// The demo's sales cycle: a price list, a quote on every deal that reached the quote stage (accepted with its order when the
// deal is won, refused when lost, sent otherwise, a few drafts), commission rules, follow-ups (some overdue) and the ERP's date.
public static partial class DemoData
{
    private static readonly (string Code, string Name, string Family, decimal Price, decimal Vat)[] PriceList =
    [
        ("MEN-001", "Porte intérieure chêne", "Menuiserie", 389.00m, 20), ("MEN-002", "Fenêtre PVC 120×100", "Menuiserie", 512.50m, 20),
        ("QUI-001", "Serrure 3 points", "Quincaillerie", 149.90m, 20), ("QUI-002", "Lot de 100 charnières", "Quincaillerie", 86.40m, 20),
        ("OUT-001", "Perceuse à percussion", "Outillage", 229.00m, 20), ("OUT-002", "Scie circulaire 190 mm", "Outillage", 179.95m, 20),
        ("SER-001", "Pose (heure)", "Services", 55.00m, 10), ("SER-002", "Déplacement", "Services", 45.00m, 20),
        ("FOR-001", "Formation sécurité (jour)", "Formation", 690.00m, 20), ("FOR-002", "Livret technique", "Formation", 18.50m, 5.5m),
    ];

    private static async Task AddSalesCycleAsync(CrmDbContext db, Random rng, User[] reps, Territory[] territories, DateTime now)
    {
        var families = await db.ProductFamilies.ToDictionaryAsync(f => f.Name, f => f.Id);
        var products = PriceList.Select(p => new Product
        {
            Code = p.Code, Name = p.Name, ProductFamilyId = families.GetValueOrDefault(p.Family), UnitPrice = p.Price, VatRate = p.Vat,
            CreatedAt = now, UpdatedAt = now, Version = 1,
        }).ToList();
        db.Products.AddRange(products);
        foreach (var t in territories)
            db.CommissionRules.Add(new CommissionRule { TerritoryId = t.Id, ValidFrom = new DateOnly(now.Year - 1, 1, 1), Percent = 3, NewCustomerBonus = 200,
                UpdatedAt = now, Version = 1, Tiers = [new CommissionTier { FromAmount = 50_000, Percent = 4 }] });
        db.CommissionRules.Add(new CommissionRule { UserId = reps[0].Id, ValidFrom = new DateOnly(now.Year - 1, 1, 1), ProductFamilyId = families["Formation"],
            Percent = 8, UpdatedAt = now, Version = 1 });
        await db.SaveChangesAsync();

        var quoteOrder = (await db.PipelineStages.SingleAsync(s => s.Name == "Quote sent")).Order;
        var deals = await db.Deals.Include(d => d.Stage).Where(d => d.Stage!.Order >= quoteOrder).OrderBy(d => d.Id).ToListAsync();
        var numbers = new Dictionary<string, int>();
        string Next(string prefix, int year)
        {
            var id = $"{prefix}-{year}";
            numbers[id] = numbers.GetValueOrDefault(id) + 1;
            return $"{id}-{numbers[id]:D4}";
        }
        var orders = new List<(Quote Quote, Order Order)>();
        foreach (var deal in deals)
        {
            var sentAt = (deal.ClosedAt ?? deal.StageEnteredAt).AddDays(-7 - rng.Next(20));
            var lines = Enumerable.Range(0, 1 + rng.Next(3)).Select(k => products[rng.Next(products.Count)]).Distinct().Select((p, k) => new QuoteLine
            {
                Position = k + 1, ProductId = p.Id, ProductFamilyId = p.ProductFamilyId, Description = p.Name, Quantity = 1 + rng.Next(12),
                UnitPrice = p.UnitPrice, DiscountPercent = rng.Next(4) * 5, VatRate = p.VatRate,
            }).ToList();
            foreach (var l in lines) l.NetAmount = SalesMath.LineNet(l.Quantity, l.UnitPrice, l.DiscountPercent);
            var status = deal.Stage!.Kind switch { StageKind.Won => QuoteStatus.Accepted, StageKind.Lost => QuoteStatus.Refused, _ => QuoteStatus.Sent };
            var quote = new Quote
            {
                Number = Next("Q", sentAt.Year), DealId = deal.Id, CompanyId = deal.CompanyId, OwnerId = deal.OwnerId, Status = status,
                ValidUntil = DateOnly.FromDateTime(sentAt).AddDays(status == QuoteStatus.Sent ? 60 : 30), CreatedAt = sentAt.AddDays(-1), UpdatedAt = sentAt,
                SentAt = sentAt, DecidedAt = deal.ClosedAt, Version = 1, Lines = lines,
            };
            QuoteWrites.SetTotals(quote);
            db.Quotes.Add(quote);
            if (status == QuoteStatus.Accepted)
            {
                deal.Amount = quote.TotalExclVat;
                var on = DateOnly.FromDateTime(deal.ClosedAt ?? now);
                orders.Add((quote, new Order
                {
                    Number = Next("O", on.Year), Source = OrderSource.Quote, CompanyId = deal.CompanyId, DealId = deal.Id, OwnerId = deal.OwnerId,
                    OrderedOn = on, TotalExclVat = quote.TotalExclVat, TotalVat = quote.TotalVat, TotalInclVat = quote.TotalInclVat,
                    CreatedAt = deal.ClosedAt ?? now, UpdatedAt = deal.ClosedAt ?? now, Version = 1,
                    Lines = lines.Select(l => new OrderLine { Position = l.Position, ProductId = l.ProductId, ProductFamilyId = l.ProductFamilyId,
                        Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, DiscountPercent = l.DiscountPercent,
                        VatRate = l.VatRate, NetAmount = l.NetAmount }).ToList(),
                }));
            }
        }
        await db.SaveChangesAsync();
        foreach (var (quote, order) in orders)
        {
            order.QuoteId = quote.Id;
            db.Orders.Add(order);
        }
        db.NumberSeries.AddRange(numbers.Select(n => new NumberSeries { Id = n.Key, Last = n.Value }));

        var today = DateOnly.FromDateTime(now);
        var customers = await db.Companies.Where(c => c.AccountManagerId != null).OrderBy(c => c.Id).Take(24).ToListAsync();
        string[] reasons = ["Relancer pour le devis", "Rappeler après la démonstration", "Envoyer le catalogue", "Proposer une visite d'atelier"];
        foreach (var (c, i) in customers.Select((c, i) => (c, i)))
            db.FollowUps.Add(new FollowUp { CompanyId = c.Id, OwnerId = c.AccountManagerId!.Value, DueOn = today.AddDays(i % 3 == 0 ? -(1 + i % 5) : 1 + i),
                Reason = reasons[i % reasons.Length], CreatedAt = now.AddDays(-7), UpdatedAt = now.AddDays(-7), Version = 1 });
        // The ERP's last push: yesterday morning for every customer it knows.
        foreach (var c in await db.Companies.Where(c => c.Status == CompanyStatus.Client).ToListAsync())
            c.ErpUpdatedAt = now.Date.AddDays(-1).AddHours(5);
        await db.SaveChangesAsync();
    }
}

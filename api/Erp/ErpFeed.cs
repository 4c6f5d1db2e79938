using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Erp;

// Applies the ERP's feed: each company (by its external key) gets its sales this year, last year and outstanding amount,
// stamped with the feed's as-of time; orders are matched on their ERP number (or on our number when the ERP kept it),
// so no order is ever stored twice. Every line is checked first; the feed is applied whole, in one transaction, or not at all.
// Replaying the same feed with the same as-of changes nothing.
public static class ErpFeed
{
    public static async Task<ErpFeedSummary> ApplyAsync(CrmDbContext db, List<ErpLine> lines, List<ErpError> errors, DateTime asOf, bool dryRun,
        CancellationToken ct = default)
    {
        asOf = DateTime.SpecifyKind(asOf, asOf.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : asOf.Kind).ToUniversalTime();
        var keys = lines.Where(l => l.CompanyKey is not null).Select(l => l.CompanyKey!).Distinct().ToList();
        var companies = new Dictionary<string, List<Company>>();
        foreach (var chunk in keys.Chunk(1000))
            foreach (var c in await db.Companies.Where(c => c.DeletedAt == null && chunk.Contains(c.ExternalKey!)).ToListAsync(ct))
                (companies.TryGetValue(c.ExternalKey!, out var list) ? list : companies[c.ExternalKey!] = []).Add(c);
        var numbers = lines.Where(l => l.OrderNumber is not null).Select(l => l.OrderNumber!).Distinct().ToList();
        var orders = new Dictionary<string, Order>();
        foreach (var chunk in numbers.Chunk(1000))
            foreach (var o in await db.Orders.Where(o => chunk.Contains(o.ExternalNumber!) || chunk.Contains(o.Number!)).ToListAsync(ct))
                orders[o.ExternalNumber ?? o.Number!] = o;

        var figuresAt = new Dictionary<long, int>();
        var orderAt = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var valid = new List<(ErpLine Line, Company Company)>();
        foreach (var l in lines)
        {
            var before = errors.Count;
            void Error(string column, string reason) => errors.Add(new ErpError(l.Line, column, reason));
            Company? company = null;
            if (l.CompanyKey is null) Error("CompanyKey", "is empty");
            else if (!companies.TryGetValue(l.CompanyKey, out var found)) Error("CompanyKey", $"no company has the external key '{l.CompanyKey}'");
            else if (found.Count > 1) Error("CompanyKey", $"{found.Count} companies share the external key '{l.CompanyKey}': merge them first");
            else company = found[0];
            var figures = new[] { l.SalesThisYear, l.SalesLastYear, l.Outstanding }.Count(x => x is not null);
            var order = new object?[] { l.OrderNumber, l.OrderDate, l.OrderAmount }.Count(x => x is not null);
            if (figures is 1 or 2) Error("SalesThisYear", "give the three figures (sales this year, last year, outstanding) or none");
            if (order is 1 or 2) Error("OrderNumber", "an order needs its number, date and amount");
            if (figures == 0 && order == 0 && l.CompanyKey is not null) Error("CompanyKey", "the line carries neither figures nor an order");
            if (l.OrderNumber is { Length: > CrmModel.Short * 2 }) Error("OrderNumber", "is longer than 100 characters");
            if (l.OrderAmount is < 0) Error("OrderAmount", "is negative (send a credit note as an invoice adjustment, not an order)");
            if (company is not null && figures == 3)
            {
                if (figuresAt.TryGetValue(company.Id, out var first)) Error("CompanyKey", $"duplicate line: the figures of '{l.CompanyKey}' are already on line {first}");
                else figuresAt[company.Id] = l.Line;
            }
            if (l.OrderNumber is { } n && order == 3)
            {
                if (orderAt.TryGetValue(n, out var first)) Error("OrderNumber", $"duplicate line: order '{n}' is already on line {first}");
                else orderAt[n] = l.Line;
                if (company is not null && orders.TryGetValue(n, out var existing) && existing.CompanyId != company.Id)
                    Error("OrderNumber", $"order '{n}' belongs to another company in the CRM");
            }
            if (errors.Count == before && company is not null) valid.Add((l, company));
        }

        int updated = 0, refreshed = 0, unchanged = 0, ordersCreated = 0, ordersUpdated = 0, ordersUnchanged = 0;
        var now = DateTime.UtcNow;
        foreach (var (l, c) in valid.Where(v => v.Line.SalesThisYear is not null))
        {
            if (c.SalesYearToDate == l.SalesThisYear && c.SalesLastYear == l.SalesLastYear && c.OutstandingAmount == l.Outstanding)
            {
                if (c.ErpUpdatedAt >= asOf) unchanged++;
                // Same figures, newer feed: only the date moves (no one types it, so no version change is needed).
                else { refreshed++; c.ErpUpdatedAt = asOf; }
                continue;
            }
            updated++;
            (c.SalesYearToDate, c.SalesLastYear, c.OutstandingAmount) = (l.SalesThisYear!.Value, l.SalesLastYear!.Value, l.Outstanding!.Value);
            c.ErpUpdatedAt = asOf;
            c.Version++;
        }
        foreach (var (l, c) in valid.Where(v => v.Line.OrderNumber is not null))
        {
            var amount = SalesMath.Cents(l.OrderAmount!.Value);
            if (orders.TryGetValue(l.OrderNumber!, out var o))
            {
                if (o.ExternalNumber == l.OrderNumber && o.OrderedOn == l.OrderDate && (o.Source == OrderSource.Quote || o.TotalExclVat == amount)) { ordersUnchanged++; continue; }
                ordersUpdated++;
                o.ExternalNumber = l.OrderNumber;
                o.OrderedOn = l.OrderDate!.Value;
                // Our own order keeps its lines and totals; the ERP only confirms it under its number.
                if (o.Source == OrderSource.Erp) (o.TotalExclVat, o.TotalInclVat) = (amount, amount);
                o.UpdatedAt = now;
                o.Version++;
                continue;
            }
            ordersCreated++;
            db.Orders.Add(new Order
            {
                ExternalNumber = l.OrderNumber, Source = OrderSource.Erp, CompanyId = c.Id, OwnerId = c.AccountManagerId, OrderedOn = l.OrderDate!.Value,
                TotalExclVat = amount, TotalInclVat = amount, CreatedAt = now, UpdatedAt = now, Version = 1,
            });
        }
        var committed = !dryRun && errors.Count == 0;
        if (committed)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        return new ErpFeedSummary(dryRun, committed, asOf, lines.Count, updated, refreshed, unchanged,
            new ErpCounts(ordersCreated, ordersUpdated, ordersUnchanged), errors.OrderBy(e => e.Line).ToList());
    }
}

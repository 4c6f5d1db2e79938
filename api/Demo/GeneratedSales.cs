namespace OutlookCrm.Api.Demo;

// The generator's sales cycle, set-based after the bulk rows: a sent, accepted or refused quote (one amount, VAT at 20 %)
// for each generated deal at or past the quote stage, an order for each accepted one, ERP orders (amount excluding VAT only)
// for every fourth customer, and a commission rule per territory.
// Generated numbers carry the run (Q-G<run>-<deal>) so they never collide with the yearly series Q-2026-0001.
public static class GeneratedSales
{
    public static async Task<(int Quotes, int Orders)> AddAsync(CrmDbContext db, long afterCompanyId, long afterDealId, string runId, IReadOnlyCollection<int> territories, DateTime now)
    {
        var quoteOrder = await Reports.ResultFigures.QuoteOrderAsync(db, new Reports.ReportOptions());
        var pg = db.Database.IsNpgsql();
        var validUntil = DateOnly.FromDateTime(now).AddDays(30).ToString("yyyy-MM-dd");
        var validSql = pg ? $"CAST('{validUntil}' AS date)" : $"'{validUntil}'";
        var orderedOn = pg ? "CAST(COALESCE(q.\"DecidedAt\", q.\"CreatedAt\") AS date)" : "date(COALESCE(q.\"DecidedAt\", q.\"CreatedAt\"))";
        // Only numbers and dates we format ourselves go into these statements.
        var insertQuotes = $"""
            INSERT INTO "Quotes" ("Number", "DealId", "CompanyId", "OwnerId", "Status", "ValidUntil", "TotalExclVat", "TotalVat", "TotalInclVat",
                "CreatedAt", "UpdatedAt", "SentAt", "DecidedAt", "Version")
            SELECT 'Q-G{runId}-' || CAST(d."Id" AS TEXT), d."Id", d."CompanyId", d."OwnerId",
                CASE s."Kind" WHEN 'Won' THEN 'Accepted' WHEN 'Lost' THEN 'Refused' ELSE 'Sent' END, {validSql},
                d."Amount", ROUND(d."Amount" * 0.2, 2), d."Amount" + ROUND(d."Amount" * 0.2, 2),
                d."CreatedAt", d."StageEnteredAt", d."StageEnteredAt", d."ClosedAt", 1
            FROM "Deals" d JOIN "PipelineStages" s ON s."Id" = d."StageId"
            WHERE d."Id" > {afterDealId} AND s."Order" >= {quoteOrder}
            """;
        var quotes = await db.Database.ExecuteSqlRawAsync(insertQuotes);
        var insertOrders = $"""
            INSERT INTO "Orders" ("Number", "Source", "CompanyId", "DealId", "QuoteId", "OwnerId", "OrderedOn", "TotalExclVat", "TotalVat", "TotalInclVat",
                "CreatedAt", "UpdatedAt", "Version")
            SELECT 'O-G{runId}-' || CAST(q."DealId" AS TEXT), 'Quote', q."CompanyId", q."DealId", q."Id", q."OwnerId", {orderedOn},
                q."TotalExclVat", q."TotalVat", q."TotalInclVat", COALESCE(q."DecidedAt", q."CreatedAt"), COALESCE(q."DecidedAt", q."CreatedAt"), 1
            FROM "Quotes" q
            WHERE q."DealId" > {afterDealId} AND q."Status" = 'Accepted'
            """;
        var orders = await db.Database.ExecuteSqlRawAsync(insertOrders);
        // The generated pipeline rarely reaches "won": the ERP brings the orders of every fourth generated customer, dated over the last 300 days.
        var erpDate = pg ? "CAST(CURRENT_DATE - CAST(c.\"Id\" % 300 AS integer) AS date)" : "date('now', '-' || (c.\"Id\" % 300) || ' days')";
        var insertErpOrders = $"""
            INSERT INTO "Orders" ("ExternalNumber", "Source", "CompanyId", "OwnerId", "OrderedOn", "TotalExclVat", "TotalVat", "TotalInclVat",
                "CreatedAt", "UpdatedAt", "Version")
            SELECT 'E-G{runId}-' || CAST(c."Id" AS TEXT), 'Erp', c."Id", c."AccountManagerId", {erpDate},
                500 + (c."Id" % 40) * 250, 0, 500 + (c."Id" % 40) * 250, c."CreatedAt", c."CreatedAt", 1
            FROM "Companies" c
            WHERE c."Id" > {afterCompanyId} AND c."Id" % 4 = 0
            """;
        orders += await db.Database.ExecuteSqlRawAsync(insertErpOrders);
        db.CommissionRules.AddRange(territories.Select(t => new CommissionRule
        {
            TerritoryId = t, ValidFrom = new DateOnly(now.Year - 1, 1, 1), Percent = 3, NewCustomerBonus = 150, UpdatedAt = now, Version = 1,
            Tiers = [new CommissionTier { FromAmount = 100_000, Percent = 4 }],
        }));
        await db.SaveChangesAsync();
        return (quotes, orders);
    }
}

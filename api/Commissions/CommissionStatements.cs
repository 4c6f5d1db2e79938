using System.Text.Json;

namespace OutlookCrm.Api.Commissions;

internal static class CommissionStatements
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A closed month answers the statement stored when it was closed; an open month is computed from today's rules and orders.
    public static async Task<CommissionStatement> ForAsync(CrmDbContext db, int repId, int year, int month, CancellationToken ct = default)
    {
        var closed = await db.CommissionClosings.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == repId && c.Year == year && c.Month == month, ct);
        if (closed is not null)
            return JsonSerializer.Deserialize<CommissionStatement>(closed.StatementJson, Json)! with { Closed = true, ClosedAt = closed.ClosedAt };
        return await ComputeAsync(db, repId, year, month, ct);
    }

    public static async Task<CommissionStatement> ComputeAsync(CrmDbContext db, int repId, int year, int month, CancellationToken ct = default)
    {
        var rep = await db.Users.AsNoTracking().Where(u => u.Id == repId).Select(u => new { u.Id, u.DisplayName, u.TerritoryId }).FirstAsync(ct);
        var (from, to) = (new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1));
        var orders = await db.Orders.AsNoTracking().Where(o => o.OwnerId == repId && o.OrderedOn >= from && o.OrderedOn < to)
            .OrderBy(o => o.OrderedOn).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Id, Number = o.Number ?? o.ExternalNumber!, o.CompanyId, Company = o.Company!.Name, o.OrderedOn, o.TotalExclVat,
                // The customer's first order ever (by date, then id): is it this one?
                First = !db.Orders.Any(p => p.CompanyId == o.CompanyId && (p.OrderedOn < o.OrderedOn || (p.OrderedOn == o.OrderedOn && p.Id < o.Id))),
                Lines = o.Lines.Select(l => new { l.ProductFamilyId, l.NetAmount }).ToList(),
            })
            .ToListAsync(ct);
        var rows = orders.Select(o => new CommissionMath.OrderRow(o.Id, o.Number, o.CompanyId, o.Company, o.OrderedOn, o.First,
            o.Lines.Count == 0 ? [(null, o.TotalExclVat)] : o.Lines.Select(l => (l.ProductFamilyId, l.NetAmount)).ToList())).ToList();
        var rules = await db.CommissionRules.AsNoTracking().Include(r => r.Tiers)
            .Where(r => r.UserId == repId || (r.UserId == null && r.TerritoryId == rep.TerritoryId)).ToListAsync(ct);
        var families = await db.ProductFamilies.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var (byRule, bonuses, lines) = CommissionMath.Compute(rows, rules, repId, rep.TerritoryId, families);
        var ordered = lines.Sum(l => l.Amount);
        var commission = byRule.Sum(r => r.Commission);
        var bonus = bonuses.Sum(b => b.Amount);
        return new CommissionStatement(rep.Id, rep.DisplayName, year, month, false, null, ordered, lines.Where(l => l.RuleId is null).Sum(l => l.Amount),
            commission, bonus, commission + bonus, byRule, bonuses, lines);
    }

    // Freezes the month: later rule changes or late orders never rewrite it.
    public static async Task<bool> CloseAsync(CrmDbContext db, int repId, int year, int month, int closedBy, CancellationToken ct = default)
    {
        if (await db.CommissionClosings.AnyAsync(c => c.UserId == repId && c.Year == year && c.Month == month, ct)) return false;
        var statement = await ComputeAsync(db, repId, year, month, ct);
        db.CommissionClosings.Add(new CommissionClosing
        {
            UserId = repId, Year = year, Month = month, ClosedAt = DateTime.UtcNow, ClosedById = closedBy,
            StatementJson = JsonSerializer.Serialize(statement, Json),
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}

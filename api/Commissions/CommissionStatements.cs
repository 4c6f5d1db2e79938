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
        var rep = await db.Users.AsNoTracking().Where(u => u.Id == repId).Select(u => new Rep(u.Id, u.DisplayName, u.TerritoryId)).FirstAsync(ct);
        var (from, to) = (new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1));
        var orders = await Orders(db, db.Orders.Where(o => o.OwnerId == repId && o.OrderedOn >= from && o.OrderedOn < to), ct);
        var rules = await db.CommissionRules.AsNoTracking().Include(r => r.Tiers)
            .Where(r => r.UserId == repId || (r.UserId == null && r.TerritoryId == rep.TerritoryId)).ToListAsync(ct);
        var families = await db.ProductFamilies.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        return Statement(rep, year, month, orders.Select(o => o.Row).ToList(), rules, families);
    }

    // Every rep's statement for every month given (reps outer, months inner), as ForAsync answers each, in five queries
    // instead of five per statement (the workbook asks for reps × months: 1,250 statements for 50 reps over two years).
    public static async Task<List<CommissionStatement>> ForMonthsAsync(CrmDbContext db, IReadOnlyList<int> repIds, IReadOnlyList<DateOnly> months,
        CancellationToken ct = default)
    {
        if (repIds.Count == 0 || months.Count == 0) return [];
        var ids = repIds.ToList();
        var (from, to) = (months.Min(), months.Max().AddMonths(1));
        var closings = (await db.CommissionClosings.AsNoTracking()
                .Where(c => ids.Contains(c.UserId) && c.Year >= from.Year && c.Year <= to.Year).ToListAsync(ct))
            .ToDictionary(c => (c.UserId, c.Year, c.Month));
        var reps = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new Rep(u.Id, u.DisplayName, u.TerritoryId))
            .ToDictionaryAsync(u => u.Id, ct);
        var orders = (await Orders(db, db.Orders.Where(o => o.OwnerId != null && ids.Contains(o.OwnerId.Value) && o.OrderedOn >= from && o.OrderedOn < to), ct))
            .ToLookup(o => (o.OwnerId, o.Row.OrderedOn.Year, o.Row.OrderedOn.Month), o => o.Row);
        // Every rep's own rules and every territory rule: CommissionMath.Pick keeps the ones that apply to each rep.
        var rules = await db.CommissionRules.AsNoTracking().Include(r => r.Tiers)
            .Where(r => (r.UserId != null && ids.Contains(r.UserId.Value)) || r.UserId == null).ToListAsync(ct);
        var families = await db.ProductFamilies.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var statements = new List<CommissionStatement>();
        foreach (var id in repIds)
            foreach (var m in months)
                statements.Add(closings.TryGetValue((id, m.Year, m.Month), out var closed)
                    ? JsonSerializer.Deserialize<CommissionStatement>(closed.StatementJson, Json)! with { Closed = true, ClosedAt = closed.ClosedAt }
                    : Statement(reps[id], m.Year, m.Month, orders[(id, m.Year, m.Month)].ToList(),
                        rules.Where(r => r.UserId == id || (r.UserId == null && r.TerritoryId == reps[id].TerritoryId)).ToList(), families));
        return statements;
    }

    private sealed record Rep(int Id, string DisplayName, int? TerritoryId);

    private sealed record OwnedRow(int OwnerId, CommissionMath.OrderRow Row);

    // The orders of a statement (or several), by date then id, each with whether it is its customer's first order ever.
    private static async Task<List<OwnedRow>> Orders(CrmDbContext db, IQueryable<Order> which, CancellationToken ct)
    {
        var orders = await which.AsNoTracking()
            .OrderBy(o => o.OrderedOn).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.OwnerId, o.Id, Number = o.Number ?? o.ExternalNumber!, o.CompanyId, Company = o.Company!.Name, o.OrderedOn, o.TotalExclVat,
                // The customer's first order ever (by date, then id): is it this one?
                First = !db.Orders.Any(p => p.CompanyId == o.CompanyId && (p.OrderedOn < o.OrderedOn || (p.OrderedOn == o.OrderedOn && p.Id < o.Id))),
                Lines = o.Lines.Select(l => new { l.ProductFamilyId, l.NetAmount }).ToList(),
            })
            .ToListAsync(ct);
        return orders.Select(o => new OwnedRow(o.OwnerId ?? 0, new CommissionMath.OrderRow(o.Id, o.Number, o.CompanyId, o.Company, o.OrderedOn, o.First,
            o.Lines.Count == 0 ? [(null, o.TotalExclVat)] : o.Lines.Select(l => (l.ProductFamilyId, l.NetAmount)).ToList()))).ToList();
    }

    private static CommissionStatement Statement(Rep rep, int year, int month, List<CommissionMath.OrderRow> rows, List<CommissionRule> rules,
        Dictionary<int, string> families)
    {
        var (byRule, bonuses, lines) = CommissionMath.Compute(rows, rules, rep.Id, rep.TerritoryId, families);
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

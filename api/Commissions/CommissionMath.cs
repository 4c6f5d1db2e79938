using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Commissions;

// How a rep's commission for a month is computed (docs/sales.md, "Commissions"):
// - the base is what the rep's orders of the month are worth excluding VAT, line by line (an ERP order without lines is one line, no family);
// - each line falls under one rule valid on the order's date: the rep's own rules before their territory's, a rule for the
//   line's product family before a rule for every family, then the most recent ValidFrom;
// - per rule, the month's base under it sets the percent: the highest tier whose FromAmount it reaches, else the rule's percent,
//   applied to that whole base; the commission is rounded to the cent once per rule (half away from zero);
// - a new-customer bonus is paid once for each customer whose first order ever is one of the rep's orders of the month,
//   by the every-family rule valid that day.
public static class CommissionMath
{
    public sealed record OrderRow(long OrderId, string Number, long CompanyId, string Company, DateOnly OrderedOn, bool FirstOfCustomer,
        IReadOnlyList<(int? FamilyId, decimal Amount)> Lines);

    public static (List<StatementRule> Rules, List<StatementBonus> Bonuses, List<StatementLine> Lines) Compute(
        IReadOnlyList<OrderRow> orders, IReadOnlyList<CommissionRule> rules, int repId, int? territoryId, IReadOnlyDictionary<int, string> families)
    {
        var lines = new List<StatementLine>();
        var bonuses = new List<StatementBonus>();
        foreach (var o in orders)
        {
            foreach (var (family, amount) in o.Lines)
            {
                var rule = Pick(rules, repId, territoryId, o.OrderedOn, family);
                lines.Add(new StatementLine(o.OrderId, o.Number, o.CompanyId, o.Company, o.OrderedOn,
                    family is int f ? families.GetValueOrDefault(f) : null, amount, rule?.Id));
            }
            if (o.FirstOfCustomer && Pick(rules, repId, territoryId, o.OrderedOn, null, everyFamilyOnly: true) is { NewCustomerBonus: > 0 } b)
                bonuses.Add(new StatementBonus(o.CompanyId, o.Company, o.OrderId, b.Id, b.NewCustomerBonus));
        }
        var byRule = lines.Where(l => l.RuleId is not null).GroupBy(l => l.RuleId!.Value).OrderBy(g => g.Key).Select(g =>
        {
            var rule = rules.First(r => r.Id == g.Key);
            var @base = g.Sum(l => l.Amount);
            var percent = rule.Tiers.Where(t => @base >= t.FromAmount).OrderByDescending(t => t.FromAmount).Select(t => (decimal?)t.Percent).FirstOrDefault()
                ?? rule.Percent;
            return new StatementRule(rule.Id, rule.ProductFamilyId is int f ? families.GetValueOrDefault(f) : null, @base, percent,
                SalesMath.Cents(@base * percent / 100m));
        }).ToList();
        return (byRule, bonuses, lines);
    }

    public static CommissionRule? Pick(IReadOnlyList<CommissionRule> rules, int repId, int? territoryId, DateOnly on, int? family, bool everyFamilyOnly = false) =>
        rules.Where(r => (r.UserId == repId || (r.UserId == null && r.TerritoryId != null && r.TerritoryId == territoryId))
                && r.ValidFrom <= on && (r.ValidTo == null || r.ValidTo >= on)
                && (everyFamilyOnly ? r.ProductFamilyId == null : r.ProductFamilyId == null || r.ProductFamilyId == family))
            .OrderBy(r => r.UserId == repId ? 0 : 1)
            .ThenBy(r => r.ProductFamilyId != null && r.ProductFamilyId == family ? 0 : 1)
            .ThenByDescending(r => r.ValidFrom).ThenByDescending(r => r.Id)
            .FirstOrDefault();
}

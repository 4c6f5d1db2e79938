namespace OutlookCrm.Api.Commissions;

// Rules are set by managers (for their territory and its reps) and administrators. Changing a rule only changes
// open months: a closed month's statement is stored (CommissionStatements.CloseAsync).
internal static class CommissionRules
{
    internal static async Task<Ok<List<CommissionRuleDto>>> ListRules(CrmDbContext db, Caller caller, int? rep, int? territory)
    {
        if (!caller.IsManager && rep != caller.UserId) throw CrmProblem.Forbidden("A rep reads only the rules that apply to them: pass rep=<your id>.");
        var query = db.CommissionRules.AsNoTracking();
        if (!caller.IsManager) query = query.Where(r => r.UserId == caller.UserId || (r.UserId == null && r.TerritoryId == caller.TerritoryId));
        else if (!caller.SeesAll)
        {
            var reps = db.Users.Where(u => u.TerritoryId == caller.TerritoryId).Select(u => (int?)u.Id);
            query = query.Where(r => r.TerritoryId == caller.TerritoryId || reps.Contains(r.UserId));
        }
        if (rep is not null) query = query.Where(r => r.UserId == rep);
        if (territory is not null) query = query.Where(r => r.TerritoryId == territory);
        var rules = await query.Include(r => r.Tiers).OrderBy(r => r.Id).ToListAsync();
        var families = await db.ProductFamilies.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name);
        return TypedResults.Ok(rules.Select(r => ToDto(r, families)).ToList());
    }

    internal static async Task<Created<CommissionRuleDto>> CreateRule(CommissionRuleRequest request, CrmDbContext db, Caller caller, HttpResponse response)
    {
        var rule = new CommissionRule { Version = 1 };
        await Apply(db, caller, rule, request);
        db.CommissionRules.Add(rule);
        await db.SaveChangesAsync();
        ETag.Set(response, rule.Version);
        return TypedResults.Created($"/api/commissions/rules/{rule.Id}", await Read(db, rule.Id));
    }

    internal static async Task<Ok<CommissionRuleDto>> UpdateRule(int id, CommissionRuleRequest request, IfMatch ifMatch, CrmDbContext db, Caller caller,
        HttpResponse response)
    {
        var rule = await db.CommissionRules.Include(r => r.Tiers).FirstOrDefaultAsync(r => r.Id == id) ?? throw CrmProblem.NotFound("Commission rule", id);
        await CheckScope(db, caller, rule.UserId, rule.TerritoryId);
        ifMatch.Check(rule.Version);
        db.CommissionTiers.RemoveRange(rule.Tiers);
        rule.Tiers = [];
        await Apply(db, caller, rule, request);
        rule.Version++;
        await db.SaveChangesAsync();
        ETag.Set(response, rule.Version);
        return TypedResults.Ok(await Read(db, id));
    }

    private static async Task Apply(CrmDbContext db, Caller caller, CommissionRule rule, CommissionRuleRequest r)
    {
        if ((r.UserId is null) == (r.TerritoryId is null)) throw CrmProblem.Invalid("UserId", "A rule is for one rep (userId) or one territory (territoryId).");
        if (r.ValidTo is { } to && to < r.ValidFrom) throw CrmProblem.Invalid("ValidTo", "ValidTo is before ValidFrom.");
        if (r.UserId is int u && !await db.Users.AnyAsync(x => x.Id == u)) throw CrmProblem.Invalid("UserId", $"User {u} does not exist.");
        if (r.TerritoryId is int t && !await db.Territories.AnyAsync(x => x.Id == t)) throw CrmProblem.Invalid("TerritoryId", $"Territory {t} does not exist.");
        await CheckScope(db, caller, r.UserId, r.TerritoryId);
        var tiers = r.Tiers ?? [];
        if (tiers.Select(x => x.FromAmount).Distinct().Count() != tiers.Count) throw CrmProblem.Invalid("Tiers", "Two tiers start at the same amount.");
        int? family = null;
        if (!string.IsNullOrWhiteSpace(r.ProductFamily))
            family = await db.ProductFamilies.Where(f => f.Name == r.ProductFamily.Trim()).Select(f => (int?)f.Id).FirstOrDefaultAsync()
                ?? throw CrmProblem.Invalid("ProductFamily", $"Unknown product family '{r.ProductFamily}'.");
        if (family is not null && r.NewCustomerBonus > 0)
            throw CrmProblem.Invalid("NewCustomerBonus", "A new-customer bonus belongs on a rule for every family (no productFamily).");
        (rule.UserId, rule.TerritoryId, rule.ProductFamilyId, rule.ValidFrom, rule.ValidTo, rule.Percent, rule.NewCustomerBonus) =
            (r.UserId, r.TerritoryId, family, r.ValidFrom, r.ValidTo, r.Percent, r.NewCustomerBonus);
        rule.Tiers = tiers.OrderBy(x => x.FromAmount).Select(x => new CommissionTier { FromAmount = x.FromAmount, Percent = x.Percent }).ToList();
        rule.UpdatedAt = DateTime.UtcNow;
    }

    private static async Task CheckScope(CrmDbContext db, Caller caller, int? userId, int? territoryId)
    {
        if (!caller.IsManager) throw CrmProblem.Forbidden("Only managers and administrators set commission rules.");
        if (caller.SeesAll) return;
        var territory = territoryId ?? await db.Users.Where(u => u.Id == userId).Select(u => u.TerritoryId).FirstOrDefaultAsync();
        if (territory != caller.TerritoryId) throw CrmProblem.Forbidden("You set commission rules for your own territory and its reps only.");
    }

    private static async Task<CommissionRuleDto> Read(CrmDbContext db, int id)
    {
        var rule = await db.CommissionRules.AsNoTracking().Include(r => r.Tiers).FirstAsync(r => r.Id == id);
        return ToDto(rule, await db.ProductFamilies.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name));
    }

    // Mapped in memory: SQLite cannot order by decimal columns, and a rule has a handful of tiers.
    private static CommissionRuleDto ToDto(CommissionRule r, Dictionary<int, string> families) => new(
        r.Id, r.UserId, r.TerritoryId, r.ProductFamilyId is int f ? families.GetValueOrDefault(f) : null, r.ValidFrom, r.ValidTo, r.Percent,
        r.NewCustomerBonus, r.Tiers.OrderBy(t => t.FromAmount).Select(t => new TierDto(t.FromAmount, t.Percent)).ToList(), r.Version);
}

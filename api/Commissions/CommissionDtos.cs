using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Commissions;

public sealed record TierRequest([property: Range(typeof(decimal), "0", "1000000000000")] decimal FromAmount,
    [property: Range(typeof(decimal), "0", "100")] decimal Percent);

// Exactly one of UserId (a rep) or TerritoryId; no ProductFamily = every family.
public sealed record CommissionRuleRequest(
    int? UserId, int? TerritoryId,
    DateOnly ValidFrom,
    [property: Range(typeof(decimal), "0", "100")] decimal Percent,
    DateOnly? ValidTo = null,
    [property: StringLength(CrmModel.Name)] string? ProductFamily = null,
    [property: Range(typeof(decimal), "0", "1000000000")] decimal NewCustomerBonus = 0,
    [property: MaxLength(20)] List<TierRequest>? Tiers = null);

public sealed record TierDto(decimal FromAmount, decimal Percent);

public sealed record CommissionRuleDto(int Id, int? UserId, int? TerritoryId, string? ProductFamily, DateOnly ValidFrom, DateOnly? ValidTo,
    decimal Percent, decimal NewCustomerBonus, IReadOnlyList<TierDto> Tiers, int Version);

public sealed record StatementLine(long OrderId, string OrderNumber, long CompanyId, string Company, DateOnly OrderedOn, string? ProductFamily,
    decimal Amount, int? RuleId);

public sealed record StatementRule(int RuleId, string? ProductFamily, decimal Base, decimal Percent, decimal Commission);

public sealed record StatementBonus(long CompanyId, string Company, long OrderId, int RuleId, decimal Amount);

public sealed record CommissionStatement(int RepId, string RepName, int Year, int Month, bool Closed, DateTime? ClosedAt,
    decimal OrderedAmount, decimal UncoveredAmount, decimal Commission, decimal Bonuses, decimal Total,
    IReadOnlyList<StatementRule> Rules, IReadOnlyList<StatementBonus> NewCustomerBonuses, IReadOnlyList<StatementLine> Lines);

public sealed record CloseRequest([property: Range(2000, 2100)] int Year, [property: Range(1, 12)] int Month, int? Rep = null, int? Territory = null);

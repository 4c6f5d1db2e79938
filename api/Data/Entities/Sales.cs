namespace OutlookCrm.Api.Data;

// The price list. Code is the key re-imports match on.
public sealed class Product : IVersioned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? ProductFamilyId { get; set; }
    public ProductFamily? ProductFamily { get; set; }
    public decimal UnitPrice { get; set; }
    // Percent, e.g. 20 for 20 %.
    public decimal VatRate { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

// Expired is not stored: a draft or sent quote whose validity date has passed reads as expired.
public enum QuoteStatus { Draft, Sent, Accepted, Refused, Expired }

public sealed class Quote : IVersioned
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public long DealId { get; set; }
    public Deal? Deal { get; set; }
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public int OwnerId { get; set; }
    public User? Owner { get; set; }
    public QuoteStatus Status { get; set; }
    public DateOnly ValidUntil { get; set; }
    public string? Terms { get; set; }
    public decimal TotalExclVat { get; set; }
    public decimal TotalVat { get; set; }
    public decimal TotalInclVat { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public int Version { get; set; }
    public List<QuoteLine> Lines { get; set; } = [];
}

// A line of a quote or an order: a product of the price list or free text.
public abstract class SalesLine
{
    public long Id { get; set; }
    public int Position { get; set; }
    public int? ProductId { get; set; }
    public int? ProductFamilyId { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal DiscountPercent { get; set; }
    public decimal VatRate { get; set; }
    public decimal NetAmount { get; set; }
}

public sealed class QuoteLine : SalesLine
{
    public long QuoteId { get; set; }
}

public enum OrderSource { Quote, Erp }

public sealed class Order : IVersioned
{
    public long Id { get; set; }
    // Ours (O-2026-0001) for orders from a quote; the ERP's number for orders it sends.
    public string? Number { get; set; }
    public string? ExternalNumber { get; set; }
    public OrderSource Source { get; set; }
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public long? DealId { get; set; }
    public long? QuoteId { get; set; }
    // The rep credited (commissions, forecast); an ERP order of a company without account manager has none.
    public int? OwnerId { get; set; }
    public User? Owner { get; set; }
    public DateOnly OrderedOn { get; set; }
    public decimal TotalExclVat { get; set; }
    public decimal TotalVat { get; set; }
    public decimal TotalInclVat { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine : SalesLine
{
    public long OrderId { get; set; }
}

// Commission rule for one rep or one territory, valid from/to (inclusive), optionally for one product family.
public sealed class CommissionRule : IVersioned
{
    public int Id { get; set; }
    public int? UserId { get; set; }
    public int? TerritoryId { get; set; }
    public int? ProductFamilyId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public decimal Percent { get; set; }
    // Paid once per customer whose first order ever falls in the period (only on rules for every family).
    public decimal NewCustomerBonus { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<CommissionTier> Tiers { get; set; } = [];
}

// From this amount ordered in the month (under the rule), the tier's percent applies to the whole amount.
public sealed class CommissionTier
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public decimal FromAmount { get; set; }
    public decimal Percent { get; set; }
}

// A closed month of a rep: its statement as computed when closed, never recomputed afterwards.
public sealed class CommissionClosing
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public DateTime ClosedAt { get; set; }
    public int ClosedById { get; set; }
    public required string StatementJson { get; set; }
}

// A follow-up ("relance"): what to do about a customer or a deal, and by when.
public sealed class FollowUp : IVersioned
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public long? DealId { get; set; }
    public Deal? Deal { get; set; }
    public int OwnerId { get; set; }
    public User? Owner { get; set; }
    public DateOnly DueOn { get; set; }
    public required string Reason { get; set; }
    public DateTime? DoneAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

// Per-year document numbers (Q-2026, O-2026): one row per series, advanced by one atomic UPDATE.
public sealed class NumberSeries
{
    public required string Id { get; set; }
    public int Last { get; set; }
}

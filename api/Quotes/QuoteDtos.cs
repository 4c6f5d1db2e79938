using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Quotes;

// A line names a product of the price list (its name, price and VAT rate are the defaults) or is free text.
public sealed record SalesLineRequest(
    int? ProductId = null,
    [property: StringLength(CrmModel.Text)] string? Description = null,
    decimal Quantity = 1,
    decimal? UnitPrice = null,
    decimal DiscountPercent = 0,
    decimal? VatRate = null);

public sealed record QuoteRequest(
    [property: Range(1, long.MaxValue)] long DealId,
    DateOnly? ValidUntil = null,
    [property: StringLength(CrmModel.Text)] string? Terms = null,
    [property: MaxLength(500)] List<SalesLineRequest>? Lines = null);

public sealed record SalesLineDto(int Position, int? ProductId, string? ProductCode, string Description, decimal Quantity, decimal UnitPrice,
    decimal DiscountPercent, decimal VatRate, decimal NetAmount);

public sealed record QuoteDto(long Id, string Number, long DealId, string DealTitle, long CompanyId, string CompanyName, int OwnerId, string OwnerName,
    QuoteStatus Status, DateOnly ValidUntil, string? Terms, decimal TotalExclVat, decimal TotalVat, decimal TotalInclVat,
    IReadOnlyList<VatShare> VatByRate, DateTime CreatedAt, DateTime? SentAt, DateTime? DecidedAt, long? OrderId, string? OrderNumber,
    IReadOnlyList<SalesLineDto> Lines, int Version);

public sealed record QuoteSummaryDto(long Id, string Number, long DealId, long CompanyId, string CompanyName, int OwnerId, QuoteStatus Status,
    DateOnly ValidUntil, decimal TotalExclVat, decimal TotalInclVat, DateTime? SentAt, int Version);

// Expiry is computed, never stored: a draft or sent quote past its validity date reads as expired.
public static class QuoteStatuses
{
    public static QuoteStatus Effective(QuoteStatus stored, DateOnly validUntil, DateOnly today) =>
        stored is QuoteStatus.Draft or QuoteStatus.Sent && validUntil < today ? QuoteStatus.Expired : stored;
}

using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Orders;

public sealed record OrderDto(long Id, string? Number, string? ExternalNumber, OrderSource Source, long CompanyId, string CompanyName,
    long? DealId, long? QuoteId, int? OwnerId, string? OwnerName, DateOnly OrderedOn, decimal TotalExclVat, decimal TotalVat, decimal TotalInclVat,
    IReadOnlyList<SalesLineDto> Lines, int Version);

public sealed record OrderSummaryDto(long Id, string? Number, string? ExternalNumber, OrderSource Source, long CompanyId, string CompanyName,
    int? OwnerId, DateOnly OrderedOn, decimal TotalExclVat, decimal TotalInclVat);

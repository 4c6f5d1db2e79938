using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Deals;

public sealed record DealDto(long Id, long CompanyId, string CompanyName, string Title, decimal Amount, string? ProductFamily,
    int StageId, string StageName, StageKind StageKind, DateTime StageEnteredAt, DateOnly? ExpectedClose,
    int OwnerId, string OwnerName, long? PrescriberContactId, DateTime? ClosedAt, int Version);

public sealed record DealRequest(
    [property: Range(1, long.MaxValue)] long CompanyId,
    [property: Required, StringLength(CrmModel.Name, MinimumLength = 1)] string Title,
    [property: Range(typeof(decimal), "0", "1000000000000")] decimal Amount = 0,
    [property: StringLength(CrmModel.Name)] string? ProductFamily = null,
    int? StageId = null,
    DateOnly? ExpectedClose = null,
    int? OwnerId = null,
    long? PrescriberContactId = null);

public sealed record StageMoveRequest([property: Range(1, int.MaxValue)] int StageId);

public sealed record StageChangeDto(int? FromStageId, string? FromStageName, int ToStageId, string ToStageName,
    DateTime ChangedAt, int ChangedById, string ChangedByName);

internal static class DealProjection
{
    public static IQueryable<DealDto> ToDto(this IQueryable<Deal> q) => q.Select(d => new DealDto(
        d.Id, d.CompanyId, d.Company!.Name, d.Title, d.Amount, d.ProductFamily != null ? d.ProductFamily.Name : null,
        d.StageId, d.Stage!.Name, d.Stage.Kind, d.StageEnteredAt, d.ExpectedClose, d.OwnerId, d.Owner!.DisplayName,
        d.PrescriberContactId, d.ClosedAt, d.Version));
}

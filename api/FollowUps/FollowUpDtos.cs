using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.FollowUps;

public sealed record FollowUpRequest(
    [property: Range(1, long.MaxValue)] long CompanyId,
    DateOnly DueOn,
    [property: Required, StringLength(CrmModel.Text, MinimumLength = 1)] string Reason,
    long? DealId = null,
    int? OwnerId = null);

public sealed record FollowUpDto(long Id, long CompanyId, string CompanyName, long? DealId, string? DealTitle, int OwnerId, string OwnerName,
    DateOnly DueOn, string Reason, bool Overdue, DateTime? DoneAt, int Version);

public sealed record FollowUpList(int Overdue, int DueToday, IReadOnlyList<FollowUpDto> Items);

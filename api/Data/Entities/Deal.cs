namespace OutlookCrm.Api.Data;

public sealed class PipelineStage
{
    public int Id { get; set; }
    public required string Name { get; set; }
    // The written definition everyone labels deals by.
    public required string Definition { get; set; }
    public int Order { get; set; }
    public int WinProbability { get; set; }
    public int? MaxDaysInStage { get; set; }
    public StageKind Kind { get; set; }
}

public sealed class Deal : IVersioned
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public required string Title { get; set; }
    public decimal Amount { get; set; }
    public int? ProductFamilyId { get; set; }
    public ProductFamily? ProductFamily { get; set; }
    public int StageId { get; set; }
    public PipelineStage? Stage { get; set; }
    public DateTime StageEnteredAt { get; set; }
    public DateOnly? ExpectedClose { get; set; }
    public int OwnerId { get; set; }
    public User? Owner { get; set; }
    public long? PrescriberContactId { get; set; }
    public Contact? PrescriberContact { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public List<DealStageChange> History { get; set; } = [];
}

public sealed class DealStageChange
{
    public long Id { get; set; }
    public long DealId { get; set; }
    public int? FromStageId { get; set; }
    public int ToStageId { get; set; }
    public DateTime ChangedAt { get; set; }
    public int ChangedById { get; set; }
}

public sealed class Objective
{
    public long Id { get; set; }
    // Exactly one of rep or territory.
    public int? UserId { get; set; }
    public int? TerritoryId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public decimal RevenueTarget { get; set; }
    public int? VisitsTarget { get; set; }
}

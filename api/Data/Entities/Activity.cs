namespace OutlookCrm.Api.Data;

public sealed class Activity : ISynced, IVersioned
{
    public long Id { get; set; }
    public ActivityType Type { get; set; }
    public required string Subject { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime? EndUtc { get; set; }
    // IANA or Windows id of the zone the activity was planned in, so Outlook shows it unshifted.
    public string TimeZone { get; set; } = "UTC";
    public long CompanyId { get; set; }
    public Company? Company { get; set; }
    public long? DealId { get; set; }
    public Deal? Deal { get; set; }
    public int OwnerId { get; set; }
    public User? Owner { get; set; }
    // Set when the owner changes, so the previous owner's calendar feed still sees it leave.
    public int? PreviousOwnerId { get; set; }
    public ActivityStatus Status { get; set; }
    public string? Outcome { get; set; }
    public string? Details { get; set; }
    public string? Location { get; set; }
    public string? OutlookEventId { get; set; }
    public string? OutlookICalUId { get; set; }
    public string? InternetMessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public long ChangeSeq { get; set; }
    public List<ActivityContact> Contacts { get; set; } = [];
}

public sealed class ActivityContact
{
    public long ActivityId { get; set; }
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Activities;

public sealed record ActivityDto(
    long Id, ActivityType Type, string Subject, DateTime StartUtc, DateTime? EndUtc, string TimeZone,
    long CompanyId, string CompanyName, IReadOnlyList<long> ContactIds, long? DealId, int OwnerId, string OwnerName,
    ActivityStatus Status, string? Outcome, string? Details, string? Location,
    string? OutlookEventId, string? OutlookICalUId, string? InternetMessageId, int NoteCount, DateTime? ClosedAt, int Version,
    bool AlreadyLogged = false); // true when POST found the Outlook item already logged (answer 200, not 201)

// Times are taken with their offset (DateTimeOffset) so a client's local time is never misread.
public sealed record ActivityRequest(
    ActivityType Type,
    [property: Required, StringLength(CrmModel.Name, MinimumLength = 1)] string Subject,
    DateTimeOffset StartUtc,
    [property: Range(1, long.MaxValue)] long CompanyId,
    DateTimeOffset? EndUtc = null,
    [property: StringLength(CrmModel.Short * 2)] string? TimeZone = null,
    [property: MaxLength(100)] List<long>? ContactIds = null,
    long? DealId = null,
    int? OwnerId = null,
    ActivityStatus Status = ActivityStatus.Planned,
    [property: StringLength(CrmModel.Text)] string? Outcome = null,
    [property: StringLength(CrmModel.Long)] string? Details = null,
    [property: StringLength(CrmModel.Name)] string? Location = null,
    [property: StringLength(CrmModel.Name * 2)] string? OutlookEventId = null,
    [property: StringLength(CrmModel.Name * 2)] string? OutlookICalUId = null,
    [property: StringLength(CrmModel.Name * 2)] string? InternetMessageId = null,
    [property: StringLength(CrmModel.Long)] string? Note = null);

public sealed record CloseRequest(
    [property: StringLength(CrmModel.Text)] string? Outcome = null,
    [property: StringLength(CrmModel.Long)] string? Note = null);

internal static class ActivityProjection
{
    public static IQueryable<ActivityDto> ToDto(this IQueryable<Activity> q, CrmDbContext db) => q.Select(a => new ActivityDto(
        a.Id, a.Type, a.Subject, a.StartUtc, a.EndUtc, a.TimeZone, a.CompanyId, a.Company!.Name,
        a.Contacts.Select(c => c.ContactId).ToList(), a.DealId, a.OwnerId, a.Owner!.DisplayName,
        a.Status, a.Outcome, a.Details, a.Location, a.OutlookEventId, a.OutlookICalUId, a.InternetMessageId,
        db.Notes.Count(n => n.ActivityId == a.Id), a.ClosedAt, a.Version));
}

using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Alerts;

// The one definition of "last contact" and "days since last contact", shared by the pipeline alerts and the
// untouched-clients report (JSON and workbook): a contact is a done customer activity (not a task, not
// deleted); the days are calendar days in the report zone from the contact's local date to the reference day.
public static class LastContact
{
    public static IQueryable<Activity> Contacts(CrmDbContext db) => db.Activities.Where(IsContact);

    // The same rule as an expression, for queries compiled ahead (EF inlines it).
    public static readonly System.Linq.Expressions.Expression<Func<Activity, bool>> IsContact =
        a => a.DeletedAt == null && a.Status == ActivityStatus.Done && a.Type != ActivityType.Task;

    public static int DaysSince(DateTime lastUtc, DateOnly day, TimeZoneInfo zone) =>
        day.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(lastUtc, DateTimeKind.Utc), zone)).DayNumber;

    public static DateOnly Today(DateTime nowUtc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone));
}

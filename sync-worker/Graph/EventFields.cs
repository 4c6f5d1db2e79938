using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Graph.Models;
using OutlookCrm.SyncWorker.Crm;

namespace OutlookCrm.SyncWorker.Graph;

// A CRM activity as an Outlook event. Times are written as wall-clock time in the activity's own zone, so
// Exchange applies that zone's daylight-saving rules: a 09:00 visit in Paris stays at 09:00 after the clocks change.
public sealed partial record EventFields(string Subject, string StartLocal, string EndLocal, string TimeZone, string? Location, IReadOnlyList<string> Categories)
{
    public const string Category = "CRM", DoneCategory = "CRM: done", NoteRequiredCategory = "CRM: note required";
    public const string NoteMarker = "----- CRM note: write below this line -----";

    public string Hash() => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this)))[..32];

    public static EventFields From(ActivityDto a)
    {
        var zone = ZoneOf(a.TimeZone);
        var end = a.EndUtc ?? a.StartUtc.AddMinutes(a.Type == "Call" ? 15 : 60);
        return new EventFields(a.Subject, Local(a.StartUtc, zone), Local(end, zone), GraphZoneName(zone), a.Location,
            a.Status == "Done" ? [Category, DoneCategory] : [Category]);
    }

    // A create: the CRM's details above the marker line, below which the rep writes the visit's note.
    public EventBody ToGraph(string crmKey, string? details)
    {
        var e = Patch(null, this, [], crmKey);
        e.TextBody = $"{details}\n\n{NoteMarker}\n";
        return e;
    }

    // Only the CRM-owned properties that differ from `from` (null: all of them). Body, attendees, online meeting,
    // the rep's categories and extended properties are never sent on an update: a null body would erase the rep's note
    // and a Teams meeting's join block.
    public static EventBody Patch(EventFields? from, EventFields to, IReadOnlyList<string> actualCategories, string? crmKey = null)
    {
        var e = new EventBody();
        if (from?.Subject != to.Subject) e.Subject = to.Subject;
        if (from?.StartLocal != to.StartLocal || from.TimeZone != to.TimeZone) e.Start = (to.StartLocal, to.TimeZone);
        if (from?.EndLocal != to.EndLocal || from.TimeZone != to.TimeZone) e.End = (to.EndLocal, to.TimeZone);
        if (from is null ? to.Location is not null : from.Location != to.Location) e.Location = to.Location ?? "";
        if (from is null || !from.Categories.SequenceEqual(to.Categories))
            e.Categories = [.. actualCategories.Where(c => c is not Category and not DoneCategory && !(c == NoteRequiredCategory && to.Categories.Contains(DoneCategory))), .. to.Categories];
        if (crmKey is not null) e.CrmKey = crmKey;
        return e;
    }

    // What Outlook shows of the CRM-owned properties, in the activity's zone, to compare with what the CRM wants.
    public static EventFields FromGraph(Event e, string? activityZone)
    {
        var zone = ZoneOf(activityZone);
        var name = GraphZoneName(zone);
        return new EventFields(e.Subject ?? "", Local(Utc(e.Start), zone), Local(Utc(e.End), zone),
            string.Equals(e.OriginalStartTimeZone, name, StringComparison.OrdinalIgnoreCase) || e.OriginalStartTimeZone is null ? name : e.OriginalStartTimeZone,
            string.IsNullOrEmpty(e.Location?.DisplayName) ? null : e.Location.DisplayName,
            (e.Categories ?? []).Contains(DoneCategory) ? [Category, DoneCategory] : (e.Categories ?? []).Contains(Category) ? [Category] : []);
    }

    public static TimeZoneInfo ZoneOf(string? id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "UTC" : id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    // Exchange knows Windows zone names everywhere; IANA ids are translated.
    // Remembered per zone: the conversion goes through ICU each time (5 % of a first sync's CPU, one call per event).
    public static string GraphZoneName(TimeZoneInfo zone) => ZoneNames.GetOrAdd(zone.Id, static (_, z) =>
        z.HasIanaId && TimeZoneInfo.TryConvertIanaIdToWindowsId(z.Id, out var windows) ? windows : z.Id, zone);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ZoneNames = new();

    private static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    // Graph returns start/end in UTC unless asked otherwise (no Prefer header is sent).
    public static DateTime Utc(DateTimeTimeZone? value)
    {
        var local = DateTime.Parse(value?.DateTime ?? throw new InvalidDataException("Event without a time."), CultureInfo.InvariantCulture, DateTimeStyles.None);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ZoneOf(value.TimeZone));
    }

    // The rep's note: what follows the marker line in the event body (HTML or text), or null.
    public static string? NoteBelowMarker(ItemBody? body)
    {
        var content = body?.Content;
        if (string.IsNullOrEmpty(content)) return null;
        if (body!.ContentType == BodyType.Html)
            content = WebUtility.HtmlDecode(Tags().Replace(Breaks().Replace(content, "\n"), ""));
        var at = content.IndexOf(NoteMarker, StringComparison.Ordinal);
        if (at < 0) return null;
        var note = content[(at + NoteMarker.Length)..].Trim();
        return note.Length == 0 ? null : note;
    }

    [GeneratedRegex(@"<br\s*/?>|</p>|</div>", RegexOptions.IgnoreCase)] private static partial Regex Breaks();
    [GeneratedRegex(@"<[^>]+>")] private static partial Regex Tags();
}

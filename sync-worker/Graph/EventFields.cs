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

    public Event ToGraph(string? crmKey, string? details) => new()
    {
        Subject = Subject,
        Start = new DateTimeTimeZone { DateTime = StartLocal, TimeZone = TimeZone },
        End = new DateTimeTimeZone { DateTime = EndLocal, TimeZone = TimeZone },
        Location = new Location { DisplayName = Location ?? "" },
        Categories = Categories.ToList(),
        Body = details is null && crmKey is null ? null : new ItemBody { ContentType = BodyType.Text, Content = $"{details}\n\n{NoteMarker}\n" },
        SingleValueExtendedProperties = crmKey is null ? null : CrmIdProperty.For(crmKey),
    };

    public static TimeZoneInfo ZoneOf(string? id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "UTC" : id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    // Exchange knows Windows zone names everywhere; IANA ids are translated.
    public static string GraphZoneName(TimeZoneInfo zone) =>
        zone.HasIanaId && TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out var windows) ? windows : zone.Id;

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

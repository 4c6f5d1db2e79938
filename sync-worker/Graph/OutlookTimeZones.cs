namespace OutlookCrm.SyncWorker.Graph;

// Outlook's event zones → the CRM's (IANA). originalStartTimeZone holds a Windows zone name, "tzone://Microsoft/Utc",
// or "tzone://Microsoft/Custom" when desktop Outlook set a custom zone (https://learn.microsoft.com/en-us/graph/api/resources/event,
// originalStartTimeZone). Graph returns the times in UTC, so the instant is always right: the zone only decides which
// daylight-saving rules the CRM shows the visit with.
public static class OutlookTimeZones
{
    public const string Custom = "tzone://Microsoft/Custom", Utc = "tzone://Microsoft/Utc";

    // The first of the start zone, the end zone, then UTC that the CRM can use.
    public static string ToIana(string? startZone, string? endZone) => Map(startZone) ?? Map(endZone) ?? "UTC";

    private static string? Map(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone) || zone == Custom) return null;
        if (zone == Utc) return "UTC";
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone, out var iana)) return iana;
        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var known) && known.HasIanaId ? known.Id : null;
    }
}

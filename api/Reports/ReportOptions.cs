namespace OutlookCrm.Api.Reports;

// Bound from the "Reports" section; every figure reads its definitions from here.
public sealed class ReportOptions
{
    public const string Section = "Reports";

    // The one zone in which days, ISO weeks, months and years start for every report (IANA or Windows id).
    public string TimeZone { get; set; } = "Europe/Paris";
    // Name of the stage meaning "a quote was sent"; when no stage has this name, the last open stage (highest order).
    public string? QuoteStage { get; set; } = "Quote sent";
    // Minutes assumed for an activity logged without an end time, by type.
    public Dictionary<string, int> DefaultMinutes { get; set; } = new()
    {
        ["Visit"] = 60, ["Meeting"] = 60, ["Call"] = 15, ["Email"] = 10, ["Task"] = 30,
    };
    // Log a progress line every this many activity rows written to a workbook.
    public int ProgressEvery { get; set; } = 100_000;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public static ReportOptions From(IConfiguration config) => config.GetSection(Section).Get<ReportOptions>() ?? new ReportOptions();

    // Minutes of one activity: its own length, or the default for its type when it has no end time or an
    // impossible one (negative, over a day). The effort figures (ActivityFigures) and the workbook's rows both use it.
    public double MinutesOf(Data.ActivityType type, DateTime start, DateTime? end)
    {
        var minutes = end is { } e ? (e - start).TotalMinutes : -1;
        return minutes is >= 0 and <= 1440 ? minutes : DefaultMinutes.GetValueOrDefault(type.ToString(), 30);
    }
}

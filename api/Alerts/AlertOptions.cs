namespace OutlookCrm.Api.Alerts;

// Bound from the "Alerts" section. Stage limits are the stages' own MaxDaysInStage.
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    // An open deal whose company has had no done activity for this many days raises an alert.
    public int NoActivityDays { get; set; } = 30;

    // The reports' zone (Reports:TimeZone): days without contact are counted in it, as in the reports.
    public TimeZoneInfo Zone { get; set; } = new Reports.ReportOptions().Zone();

    public static AlertOptions From(IConfiguration config)
    {
        var options = config.GetSection(Section).Get<AlertOptions>() ?? new AlertOptions();
        options.Zone = Reports.ReportOptions.From(config).Zone();
        return options;
    }
}

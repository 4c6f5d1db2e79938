namespace OutlookCrm.Api.Alerts;

// Bound from the "Alerts" section. Stage limits are the stages' own MaxDaysInStage.
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    // An open deal whose company has had no done activity for this many days raises an alert.
    public int NoActivityDays { get; set; } = 30;

    public static AlertOptions From(IConfiguration config) => config.GetSection(Section).Get<AlertOptions>() ?? new AlertOptions();
}

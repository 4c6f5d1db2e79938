namespace OutlookCrm.Api.Quality;

// "Quality" section, read from configuration where needed (the API's service setup stays in Program.cs).
public sealed class QualityOptions
{
    public const string Section = "Quality";

    // A record not verified for this long is due for review (data decays at about 5 % per field a year).
    public int ReviewAfterMonths { get; set; } = 12;

    public static QualityOptions From(IConfiguration config) => config.GetSection(Section).Get<QualityOptions>() ?? new QualityOptions();

    public static DateTime StaleBefore(int months, DateTime now) => now.AddMonths(-Math.Clamp(months, 0, 240));
}

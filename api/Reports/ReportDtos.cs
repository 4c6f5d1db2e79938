namespace OutlookCrm.Api.Reports;

public sealed record PeriodDto(DateOnly From, DateOnly To, string TimeZone, int Days, DateOnly LastYearFrom, DateOnly LastYearTo);

// One rep's figures over one period (this one or the same dates last year).
public sealed record RepFigures(int Activities, int Visits, int ClientsTouched, int ClientsSeen,
    double ClientsSeenPerWeek, double ClientsSeenPerMonth, double? ActivitiesPerClientPerYear,
    int Quotes, int Wins, decimal WonAmount, double? ActivitiesPerQuote, double? ActivitiesPerWin,
    double ProspectingHours, double AppointmentHours, int Appointments,
    double? ProspectingHoursPerAppointment, double? HoursPerQuote, double? HoursPerSignature);

// Territory potential: what the year can still bring, to set realistic objectives.
public sealed record Potential(decimal WonYearToDate, decimal WonLastYearToDate, decimal RunRateYearEnd,
    decimal WeightedPipeline, decimal YearEndForecast, decimal YearObjective, double? ForecastVsObjective);

public sealed record RepRow(int RepId, string Rep, int? TerritoryId, string? Territory,
    RepFigures ThisPeriod, RepFigures LastYear, decimal ObjectiveRevenue, double ObjectiveVisits,
    double? ObjectiveAchieved, decimal AccountSalesYearToDate, decimal AccountSalesLastYear, Potential Potential);

public sealed record TerritoryRow(int? TerritoryId, string Territory, int Reps, RepFigures ThisPeriod, RepFigures LastYear,
    decimal ObjectiveRevenue, double? ObjectiveAchieved, Potential Potential);

public sealed record SummaryReport(PeriodDto Period, List<RepRow> Reps, List<TerritoryRow> Territories);

// Buckets: ISO weeks ("2026-W05") or months ("2026-01"), with the local day each starts (clipped to the period).
public sealed record SeenSeries(string Granularity, List<string> Buckets, List<DateOnly> BucketStarts, List<SeenSeriesRow> Reps);

// ClientsSeenLastYear[i]: the same ISO week (month) last year, null when last year had no such week.
public sealed record SeenSeriesRow(int RepId, string Rep, List<int> ClientsSeen, List<int?> ClientsSeenLastYear);

public sealed record PipelineReport(PeriodDto Period, List<StageFigures> Stages, decimal OpenAmount, decimal Weighted);

using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Reports;

// The pipeline, alerts, untouched-clients and effort sheets of the performance workbook.
public static partial class PerformanceWorkbook
{
    private static void PipelineSheet(XlsxBook book, List<StageFigures> stages, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Pipeline", [
            new("Stage", 16), new("Kind", 7), new("Win probability", 9, XlsxStyle.Percent), new("Max days in stage", 8, XlsxStyle.Integer),
            new("Open deals", 7, XlsxStyle.Integer), new("Open amount", 15, XlsxStyle.Currency), new("Weighted amount", 15, XlsxStyle.Currency),
            new("Deals of the period that reached it", 11, XlsxStyle.Integer), new("Conversion from previous stage", 11, XlsxStyle.Percent),
            new("Average days (stays ended in period)", 11, XlsxStyle.Decimal), new("Average days so far (deals still there)", 11, XlsxStyle.Decimal)],
            title: $"Pipeline today; conversion and stays for {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}",
            charts: [new XlsxChart($"Open and weighted amount per stage, today ({DateTime.UtcNow:yyyy-MM-dd})", 0, [5, 6], XlsxChartKind.Bar,
                Rows: stages.Count(s => s.Kind == "Open"), HeightPx: 320)],
            options: new XlsxSheetOptions(OnePage: true));
        // Open stages first (the chart's rows), then Won and Lost.
        foreach (var s in stages.OrderBy(s => s.Kind == "Open" ? 0 : 1))
            sheet.Row(s.Stage, s.Kind, s.WinProbability / 100.0, s.MaxDaysInStage, s.OpenDeals, s.Amount, s.Weighted, s.Reached,
                s.ConversionFromPrevious, s.AvgDaysInStage, s.AvgDaysSoFar);
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, n, n, n, sum, sum, sum, n, n, n, n);
    }

    // One row per deal (a deal both stuck and quiet shows both alerts), so the amount total counts each deal once.
    private static void AlertsSheet(XlsxBook book, List<PipelineAlert> alerts, AlertOptions options, DateTime nowUtc)
    {
        using var sheet = book.AddSheet("Alerts", [
            new("Alerts", 14, XlsxStyle.WrapText), new("Deal", 30), new("Company", 26), new("Owner", 18), new("Stage", 14),
            new("Amount", 15, XlsxStyle.Currency), new("Stage entered", 11, XlsxStyle.Date), new("Days in stage", 7, XlsxStyle.Integer),
            new("Max days in stage", 7, XlsxStyle.Integer), new("Last contact", 11, XlsxStyle.Date), new("Days since last contact", 8, XlsxStyle.Integer),
            new("Why", 60, XlsxStyle.WrapText)],
            title: $"Open deals needing attention on {LastContact.Today(nowUtc, options.Zone):yyyy-MM-dd} (stage limits; no contact for " +
                $"{options.NoActivityDays} days), one row per deal");
        foreach (var deal in alerts.GroupBy(a => a.DealId))
        {
            var a = deal.First();
            sheet.Row(string.Join(", ", deal.Select(x => x.Kind == AlertKinds.StageTooLong ? "Stage too long" : "No contact")), a.Deal, a.Company,
                a.Owner, a.Stage, a.Amount, Local(a.StageEnteredAt, options.Zone).Date, a.DaysInStage, a.MaxDaysInStage,
                a.LastActivityUtc is { } last ? Local(last, options.Zone).Date : null, a.DaysWithoutActivity,
                string.Join(" ", deal.Select(x => x.Message)));
        }
        sheet.TotalsRow("Deals", XlsxTotal.Count, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.Sum);
    }

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    private static void UntouchedSheet(XlsxBook book, List<UntouchedClient> clients, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Untouched clients", [
            new("Company", 30), new("Category", 9), new("City", 16), new("Territory", 18), new("Account manager", 18),
            new("Last contact", 11, XlsxStyle.Date), new("Days since last contact", 8, XlsxStyle.Integer), new("Sales last year", 15, XlsxStyle.Currency)],
            title: $"Clients with no contact from {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd} (days counted to {period.To:yyyy-MM-dd})");
        foreach (var c in clients)
            sheet.Row(c.Company, c.Category, c.City, c.Territory, c.AccountManager ?? "(none)",
                c.LastContactUtc is { } last ? period.Local(last).Date : null, c.DaysSinceLastContact, c.SalesLastYear);
        sheet.TotalsRow("Clients", XlsxTotal.Count, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None,
            XlsxTotal.None, XlsxTotal.Sum);
    }

    private static void EffortSheet(XlsxBook book, SummaryReport s, string span, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Effort", [
            new("Rep", 20), new("Prospecting hours (calls, e-mails)", 11, XlsxStyle.Decimal1), new("Appointment hours (visits, meetings)", 11, XlsxStyle.Decimal1),
            new("Appointments", 9, XlsxStyle.Integer), new("Quotes", 7, XlsxStyle.Integer), new("Signatures", 8, XlsxStyle.Integer),
            new("Prospecting hours per appointment", 11, XlsxStyle.Decimal), new("Hours per quote", 8, XlsxStyle.Decimal),
            new("Hours per signature", 9, XlsxStyle.Decimal), new("Prospecting hours per appointment LY", 11, XlsxStyle.Decimal),
            new("Hours per quote LY", 8, XlsxStyle.Decimal), new("Hours per signature LY", 9, XlsxStyle.Decimal)],
            title: $"Sales effort: {span}", charts: [new XlsxChart($"Hours per signature per rep, {Versus(period)}", 0, [8, 11])],
            options: new XlsxSheetOptions(FrozenColumns: 1, OnePage: true));
        foreach (var r in s.Reps)
        {
            var (t, l) = (r.ThisPeriod, r.LastYear);
            sheet.Row(r.Rep, t.ProspectingHours, t.AppointmentHours, t.Appointments, t.Quotes, t.Wins, t.ProspectingHoursPerAppointment,
                t.HoursPerQuote, t.HoursPerSignature, l.ProspectingHoursPerAppointment, l.HoursPerQuote, l.HoursPerSignature);
        }
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, sum, sum, sum, sum, sum, n, n, n, n, n, n);
    }
}

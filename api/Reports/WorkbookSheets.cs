using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Reports;

// The pipeline, alerts, untouched-clients and effort sheets of the performance workbook.
public static partial class PerformanceWorkbook
{
    private static void PipelineSheet(XlsxBook book, List<StageFigures> stages, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Pipeline", [
            new("Stage", 16), new("Kind", 8), new("Win probability", 10, XlsxStyle.Percent), new("Max days in stage", 10, XlsxStyle.Integer),
            new("Open deals", 9, XlsxStyle.Integer), new("Open amount", 14, XlsxStyle.Decimal), new("Weighted amount", 14, XlsxStyle.Decimal),
            new("Deals of the period that reached it", 12, XlsxStyle.Integer), new("Conversion from previous stage", 12, XlsxStyle.Percent),
            new("Average days (stays ended in period)", 12, XlsxStyle.Decimal), new("Average days so far (deals still there)", 12, XlsxStyle.Decimal)],
            title: $"Pipeline today; conversion and stays for {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}",
            charts: [new XlsxChart("Open and weighted amount per stage", 0, [5, 6], AtRow: 2)]);
        foreach (var s in stages)
            sheet.Row(s.Stage, s.Kind, s.WinProbability / 100.0, s.MaxDaysInStage, s.OpenDeals, s.Amount, s.Weighted, s.Reached,
                s.ConversionFromPrevious, s.AvgDaysInStage, s.AvgDaysSoFar);
        const XlsxTotal n = XlsxTotal.None, sum = XlsxTotal.Sum;
        sheet.TotalsRow("Total", n, n, n, n, sum, sum, sum, n, n, n, n);
    }

    private static void AlertsSheet(XlsxBook book, List<PipelineAlert> alerts, AlertOptions options, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Alerts", [
            new("Alert", 14), new("Deal", 34), new("Company", 28), new("Owner", 20), new("Stage", 14), new("Amount", 12, XlsxStyle.Decimal),
            new("Stage entered", 12, XlsxStyle.Date), new("Days in stage", 9, XlsxStyle.Integer), new("Max days in stage", 9, XlsxStyle.Integer),
            new("Last activity", 12, XlsxStyle.Date), new("Days without activity", 10, XlsxStyle.Integer), new("Why", 60)],
            title: $"Open deals needing attention today (stage limits; no activity for {options.NoActivityDays} days)");
        foreach (var a in alerts)
            sheet.Row(a.Kind == AlertKinds.StageTooLong ? "Stage too long" : "No activity", a.Deal, a.Company, a.Owner, a.Stage, a.Amount,
                period.Local(a.StageEnteredAt).Date, a.DaysInStage, a.MaxDaysInStage,
                a.LastActivityUtc is { } last ? period.Local(last).Date : null, a.DaysWithoutActivity, a.Message);
        sheet.TotalsRow("Total", XlsxTotal.Count, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.Sum);
    }

    private static void UntouchedSheet(XlsxBook book, List<UntouchedClient> clients, ReportPeriod period)
    {
        using var sheet = book.AddSheet("Untouched clients", [
            new("Company", 32), new("Category", 8), new("City", 18), new("Territory", 20), new("Account manager", 20),
            new("Last contact", 12, XlsxStyle.Date), new("Days since last contact", 11, XlsxStyle.Integer), new("Sales last year", 14, XlsxStyle.Decimal)],
            title: $"Clients with no done activity from {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}");
        foreach (var c in clients)
            sheet.Row(c.Company, c.Category, c.City, c.Territory, c.AccountManager ?? "(none)",
                c.LastContactUtc is { } last ? period.Local(last).Date : null,
                c.LastContactUtc is { } l ? (int)(period.EndUtc - l).TotalDays : null, c.SalesLastYear);
        sheet.TotalsRow("Total", XlsxTotal.Count, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None, XlsxTotal.None,
            XlsxTotal.None, XlsxTotal.Sum);
    }

    private static void EffortSheet(XlsxBook book, SummaryReport s, string span)
    {
        using var sheet = book.AddSheet("Effort", [
            new("Rep", 22), new("Prospecting hours (calls, e-mails)", 12, XlsxStyle.Decimal), new("Appointment hours (visits, meetings)", 12, XlsxStyle.Decimal),
            new("Appointments", 10, XlsxStyle.Integer), new("Quotes", 8, XlsxStyle.Integer), new("Signatures", 9, XlsxStyle.Integer),
            new("Prospecting hours per appointment", 12, XlsxStyle.Decimal), new("Hours per quote", 10, XlsxStyle.Decimal),
            new("Hours per signature", 10, XlsxStyle.Decimal), new("Prospecting hours per appointment LY", 12, XlsxStyle.Decimal),
            new("Hours per quote LY", 10, XlsxStyle.Decimal), new("Hours per signature LY", 10, XlsxStyle.Decimal)],
            title: $"Sales effort: {span}", charts: [new XlsxChart("Hours per signature: this period vs last year", 0, [8, 11], AtRow: 2)]);
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

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using OutlookCrm.Api.Alerts;
using OutlookCrm.Api.Commissions;
using OutlookCrm.Api.Erp;
using OutlookCrm.Api.Forecast;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Orders;
using OutlookCrm.Api.Tests.Sales;
using OutlookCrm.Api.Reports;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Reports;

// The workbook as LibreOffice shows it (cells as displayed), checked against the JSON endpoints on the same query.
public abstract class WorkbookTests : ReportTest
{
    private sealed record Opened(Dictionary<string, List<string[]>> Sheets)
    {
        public string[] Row(string sheet, string first) => Sheets[sheet].Single(r => r[0] == first);
        public string Cell(string sheet, string first, string column) => Row(sheet, first)[Column(sheet, column)];
        public int Column(string sheet, string column) => Array.IndexOf(Sheets[sheet][2], column) is >= 0 and var i ? i
            : throw new AssertFailedException($"no column '{column}' in {sheet}");
    }

    private async Task<Opened> Workbook(Data.User who, string query, Action<SpreadsheetDocument>? inspect = null)
    {
        _ = Data;
        var response = await As(who).GetAsync($"/api/reports/performance.xlsx?{query}");
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var path = Path.Combine(Path.GetTempPath(), $"performance-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            using (var doc = SpreadsheetDocument.Open(path, false))
            {
                var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath} {e.Description}").ToList();
                Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
                inspect?.Invoke(doc);
            }
            return new Opened(await LibreOffice.SheetsAsCsv(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<T> Json<T>(Data.User who, string url) => await (await As(who).GetAsync(url)).Read<T>();

    [TestMethod]
    public async Task AManagersWorkbookIsValidAndOpensWithEveryFigureFormatted()
    {
        var book = await Workbook(Team.NorthManager, P1, doc =>
        {
            CollectionAssert.AreEqual(new[] { "Summary", "Clients per week", "Territories", "Pipeline", "Alerts", "Untouched clients", "Effort",
                    "Orders", "Commissions", "Forecast", "Activities" },
                doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToArray());
            WorkbookLayout.AssertReadable(doc);
        });

        Assert.AreEqual("2", book.Cell("Summary", "rep-a", "Clients seen"));
        Assert.AreEqual("1.33", book.Cell("Summary", "rep-a", "Seen per week"));
        Assert.AreEqual("12,000.50 €", book.Cell("Summary", "rep-a", "Won amount"));
        Assert.AreEqual("109.1%", book.Cell("Summary", "rep-a", "Objective achieved"));
        Assert.AreEqual("4", book.Cell("Summary", "Total", "Clients seen"), "the total row adds the reps up");
        Assert.AreEqual("3", book.Cell("Territories", "North", "Clients seen"));
        Assert.AreEqual("66.7%", book.Cell("Pipeline", "Cold", "Conversion from previous stage"));
        Assert.AreEqual("6.30", book.Cell("Pipeline", "To follow", "Average days (stays ended in period)"));
        Assert.AreEqual("2025-11-15", book.Cell("Untouched clients", "R-C5 untouched", "Last contact"));
        Assert.AreEqual("5.50", book.Cell("Effort", "rep-a", "Hours per signature"));

        // Raw rows: rep A's 8 activities of P1 (planned and task included, deleted not) and rep B's 2.
        var activities = book.Sheets["Activities"];
        Assert.AreEqual("Total: 10", activities[^1][0]);
        var newYear = activities.Single(r => r.Length > 1 && r[1] == "2026-01-01 00:30");
        CollectionAssert.AreEqual(new[] { "2026-W01", "2026-01", "rep-a", "North", "R-C2", "Visit", "Done" }, newYear[2..9]);
        Assert.AreEqual("60", newYear[10], "no end time: the visit's default 60 minutes");

        // Objectives with one decimal, as the JSON has them: rep B's 150 visits a year over 11 days are 4.5, not 5.
        var summary = await Summary(Team.NorthManager, P1);
        Assert.AreEqual(4.5, summary.Reps.Single(r => r.Rep == "rep-b").ObjectiveVisits);
        Assert.AreEqual("4.5", book.Cell("Summary", "rep-b", "Visits objective"));
        Assert.AreEqual("11.0", book.Cell("Summary", "rep-a", "Visits objective"));
        Assert.AreEqual("5,500.00 €", book.Cell("Summary", "rep-b", "Revenue objective"));

        // Clients seen per ISO week against the same ISO week last year (rep A saw C1 in 2025-W01), as the JSON says.
        var weeks = await Seen(Team.NorthManager, P1);
        var a = weeks.Reps.Single(r => r.Rep == "rep-a");
        CollectionAssert.AreEqual(new int?[] { 0, 1, 0 }, a.ClientsSeenLastYear);
        var weekly = book.Sheets["Clients per week"].Where(r => r[0] == "rep-a").ToList();
        CollectionAssert.AreEqual(weeks.Buckets, weekly.Select(r => r[1]).ToList());
        CollectionAssert.AreEqual(a.ClientsSeen.Select(n => n.ToString()).ToList(), weekly.Select(r => r[3]).ToList());
        CollectionAssert.AreEqual(a.ClientsSeenLastYear.Select(n => n.ToString()).ToList(), weekly.Select(r => r[4]).ToList());
        Assert.AreEqual("2025-12-29", weekly[1][2], "2026-W01 starts on Monday 29 December 2025");

        // Alerts: D2 is both stuck and quiet: two alerts in the JSON, one deal (one row, counted once) in the workbook.
        var alerts = (await Json<AlertsDto>(Team.NorthManager, "/api/alerts")).Pipeline;
        Assert.AreEqual(2, alerts.Count(x => x.DealId == Data.D2.Id));
        var distinct = alerts.DistinctBy(x => x.DealId).ToList();
        Assert.AreEqual("Stage too long, No contact", book.Cell("Alerts", "Stage too long, No contact", "Alerts"));
        Assert.AreEqual(distinct.Count, book.Sheets["Alerts"].Count(r => r[1] == "D2"));
        Assert.AreEqual($"Deals: {distinct.Count}", book.Sheets["Alerts"][^1][0]);
        Assert.AreEqual($"{distinct.Sum(x => x.Amount):#,##0.00} €", book.Sheets["Alerts"][^1][book.Column("Alerts", "Amount")],
            "the total amount counts each deal once");
    }

    [TestMethod]
    public async Task InAOneRepViewTheTerritoryRowHasTheRepsOwnObjectivesAndRepsSeeNone()
    {
        var query = $"{P1}&rep={Team.RepA.Id}";
        var json = (await Summary(Team.NorthManager, query)).Territories.Single();
        var rep = (await Summary(Team.NorthManager, query)).Reps.Single();
        Assert.AreEqual(rep.ObjectiveRevenue, json.ObjectiveRevenue, "rep A's 11,000, not the North's own 22,000");
        Assert.AreEqual(rep.ObjectiveAchieved, json.ObjectiveAchieved);
        Assert.AreEqual(rep.Potential.YearObjective, json.Potential.YearObjective);
        var whole = (await Summary(Team.NorthManager, P1)).Territories.Single();
        Assert.AreEqual(22_000m, whole.ObjectiveRevenue, "the whole territory keeps its own objective");

        var book = await Workbook(Team.NorthManager, query);
        Assert.AreEqual("11,000.00 €", book.Cell("Territories", "North", "Revenue objective"));
        Assert.AreEqual($"{json.ObjectiveAchieved:0.0%}", book.Cell("Territories", "North", "Objective achieved"));
        Assert.AreEqual("109.1%", book.Cell("Territories", "North", "Objective achieved"));
        Assert.AreEqual("365,000.00 €", book.Cell("Territories", "North", "Year objective"));

        Assert.AreEqual(0, (await Summary(Team.RepA, P1)).Territories.Count, "a rep is shown no territory row");
    }

    [TestMethod]
    public async Task DaysSinceLastContactAreTheSameInAlertsAndUntouchedClients()
    {
        _ = Data; // the team's activities exist before the first request, also when this test runs alone
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ReportData.Paris));
        var query = $"from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        // R-Quiet's last contact, a visit 45 days ago: the Quiet deal's alert and the untouched-clients list.
        var untouched = (await Json<List<UntouchedClient>>(Team.SouthManager, $"/api/reports/untouched-clients?{query}"))
            .Single(c => c.Company == "R-Quiet");
        var alert = (await Json<AlertsDto>(Team.SouthManager, "/api/alerts")).Pipeline.Single(x => x.DealId == Data.QuietDeal.Id);
        Assert.AreEqual(untouched.LastContactUtc, alert.LastActivityUtc);
        Assert.AreEqual(untouched.DaysSinceLastContact, alert.DaysWithoutActivity);
        Assert.AreEqual(today.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(alert.LastActivityUtc!.Value, ReportData.Paris)).DayNumber,
            alert.DaysWithoutActivity, "calendar days in the report zone");

        var book = await Workbook(Team.SouthManager, query);
        var days = alert.DaysWithoutActivity.ToString();
        Assert.AreEqual(days, book.Cell("Untouched clients", "R-Quiet", "Days since last contact"));
        Assert.AreEqual(days, book.Row("Alerts", "No contact").Where((_, i) => i == book.Column("Alerts", "Days since last contact")).Single());
    }

    // Orders, commission statements and the forecast: every row of the three sheets is what the JSON endpoints say.
    [TestMethod]
    public async Task TheSalesSheetsHoldTheOrdersCommissionsAndForecastOfTheJson()
    {
        const string query = "from=2024-02-01&to=2024-03-31";
        _ = Data;
        var company = await NewCompany(As(Team.NorthManager), "R-Sales customer", Team.RepA);
        var key = SalesSetup.Unique("WB");
        SalesSetup.SetExternalKey(App, company.Id, key);
        var (feb, mar) = (SalesSetup.Unique("WBF"), SalesSetup.Unique("WBM"));
        await (await As(Team.Admin).PostAsync("/api/erp/feed", SalesSetup.Csv(
            $"CompanyKey;OrderNumber;OrderDate;OrderAmount\n{key};{feb};2024-02-10;1234.50\n{key};{mar};2024-03-05;20000\n{key};{SalesSetup.Unique("WBX")};2024-04-02;999\n")))
            .Read<ErpFeedSummary>();
        await (await As(Team.NorthManager).Post("/api/commissions/rules", new { userId = Team.RepA.Id, validFrom = "2024-01-01", validTo = "2024-12-31", percent = 5,
            newCustomerBonus = 100 })).Read<CommissionRuleDto>(System.Net.HttpStatusCode.Created);
        await (await As(Team.NorthManager).Post("/api/commissions/close", new { year = 2024, month = 2, rep = Team.RepA.Id })).Read<CloseResult>();

        var book = await Workbook(Team.NorthManager, query);
        string Money(decimal? m) => m is null ? "" : $"{m:#,##0.00} €";

        // Orders: the reps' orders of the period, as /api/orders lists them per rep; April's is outside.
        var orders = new List<OrderSummaryDto>();
        foreach (var rep in new[] { Team.RepA, Team.RepB })
            orders.AddRange((await Json<Page<OrderSummaryDto>>(Team.NorthManager, $"/api/orders?ownerId={rep.Id}&from=2024-02-01&to=2024-03-31&limit=200")).Items);
        var sheet = book.Sheets["Orders"];
        var rows = sheet.Skip(3).SkipLast(1).ToList();
        // "Order": our number, or the ERP's for an order that came from the ERP without one (so the count counts it).
        CollectionAssert.AreEquivalent(orders.Select(o => o.Number ?? o.ExternalNumber).ToArray(), rows.Select(r => r[0]).ToArray());
        CollectionAssert.AreEqual(new[] { feb, feb, "Erp", "2024-02-10", "R-Sales customer", "rep-a", "1,234.50 €", "0.00 €", "1,234.50 €" },
            rows.Single(r => r[1] == feb));
        Assert.AreEqual($"Orders: {orders.Count}", sheet[^1][0]);
        Assert.AreEqual(Money(orders.Sum(o => o.TotalExclVat)), sheet[^1][book.Column("Orders", "Total excl. VAT")]);

        // Commissions: one row per rep and month, equal to each statement; February closed, March open.
        var commissions = book.Sheets["Commissions"].Skip(3).SkipLast(1).ToList();
        Assert.AreEqual(4, commissions.Count, "two reps, two months");
        foreach (var rep in new[] { Team.RepA, Team.RepB })
            foreach (var month in new[] { 2, 3 })
            {
                var json = await Json<CommissionStatement>(Team.NorthManager, $"/api/commissions/statement?year=2024&month={month}&rep={rep.Id}");
                var row = commissions.Single(r => r[0] == rep.DisplayName && r[2] == $"2024-{month:D2}");
                CollectionAssert.AreEqual(new[] { json.Closed ? "Yes" : "No", Money(json.OrderedAmount), Money(json.UncoveredAmount), Money(json.Commission),
                    Money(json.Bonuses), Money(json.Total) }, row[3..]);
            }
        // 5 % of 20,000 in March; the bonus went with February's first order.
        CollectionAssert.AreEqual(new[] { "No", "20,000.00 €", "0.00 €", "1,000.00 €", "0.00 €", "1,000.00 €" }, commissions.Single(r => r[0] == "rep-a" && r[2] == "2024-03")[3..]);
        CollectionAssert.AreEqual(new[] { "Yes", "1,234.50 €", "0.00 €", "61.73 €", "100.00 €", "161.73 €" }, commissions.Single(r => r[0] == "rep-a" && r[2] == "2024-02")[3..]);

        // Forecast 2024: each rep's rows as in /api/forecast, in the same order, then (a second table under the first) each territory's.
        var forecast = await Json<ForecastReport>(Team.NorthManager, "/api/forecast?year=2024");
        var forecastSheet = book.Sheets["Forecast"];
        var repsTotal = forecastSheet.FindIndex(3, r => r[0] == "Total");
        var fRows = forecastSheet.Skip(3).Take(repsTotal - 3).ToList();
        Assert.AreEqual(forecast.Reps.Count, fRows.Count);
        foreach (var (json, row) in forecast.Reps.Zip(fRows))
            CollectionAssert.AreEqual(new[] { json.Rep, json.Month is int m ? $"2024-{m:D2}" : "no date", json.OpenDeals.ToString(), Money(json.Open),
                Money(json.Weighted), Money(json.Ordered), Money(json.Objective) }, new[] { row[0], row[2], row[3], row[4], row[5], row[6], row[7] });
        CollectionAssert.AreEqual(new[] { "1,234.50 €", "20,000.00 €", "999.00 €" }, new[] { 2, 3, 4 }
            .Select(m => fRows.Single(r => r[0] == "rep-a" && r[2] == $"2024-{m:D2}")[book.Column("Forecast", "Orders taken")]).ToArray(), "orders by month taken");

        var territoryHeader = forecastSheet.FindIndex(repsTotal, r => r[0] == "Territory");
        Assert.IsTrue(territoryHeader > repsTotal, "the per-territory table follows the per-rep one");
        CollectionAssert.AreEqual(new[] { "Territory", "Reps", "Month of expected close", "Open deals", "Open amount", "Weighted amount", "Orders taken",
            "Objective", "Orders + weighted vs objective" }, forecastSheet[territoryHeader]);
        var tRows = forecastSheet.Skip(territoryHeader + 1).SkipLast(1).ToList();
        Assert.IsTrue(forecast.Territories.Count > 0);
        Assert.AreEqual(forecast.Territories.Count, tRows.Count);
        foreach (var (json, row) in forecast.Territories.Zip(tRows))
            CollectionAssert.AreEqual(new[] { json.Territory, json.Month is int m ? $"2024-{m:D2}" : "no date", json.OpenDeals.ToString(), Money(json.Open),
                Money(json.Weighted), Money(json.Ordered), Money(json.Objective),
                json.Objective is > 0 ? $"{Math.Round((double)((json.Ordered + json.Weighted) / json.Objective.Value), 4):0.0%}" : "" },
                new[] { row[0], row[2], row[3], row[4], row[5], row[6], row[7], row[8] });
        // The North's row adds up its reps' rows (orders of March: rep A's 20,000) against the North's own objective.
        var northMarch = tRows.Single(r => r[0] == "North" && r[2] == "2024-03");
        Assert.AreEqual("2", northMarch[1], "rep A and rep B");
        var northReps = fRows.Where(r => r[1] == "North" && r[2] == "2024-03").ToList();
        Assert.AreEqual(Money(northReps.Sum(r => decimal.Parse(r[6].TrimEnd(' ', '€').Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture))),
            northMarch[6]);
        Assert.AreEqual("Total", forecastSheet[^1][0]);
    }
}

[TestClass] public sealed class WorkbookOnSqlite : WorkbookTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class WorkbookOnPostgreSql : WorkbookTests { protected override Provider Provider => Provider.PostgreSql; }

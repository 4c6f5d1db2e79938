using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Erp;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

public abstract class ErpFeedTests : ApiTest
{
    private async Task<(CompanyDto Company, string Key)> KeyedCompany(string name)
    {
        var company = await NewCompany(As(Team.RepA), name, Team.RepA);
        var key = SalesSetup.Unique("ERP");
        SalesSetup.SetExternalKey(App, company.Id, key);
        return (company, key);
    }

    private Task<HttpResponseMessage> Push(string csv, bool dryRun = false, string asOf = "2026-11-27T05:00:00Z") =>
        App.SyncClientFor(null).PostAsync($"/api/erp/feed?dryRun={dryRun}&asOf={asOf}", SalesSetup.Csv(csv));

    [TestMethod]
    public async Task TheFeedSetsTheCardsFiguresAndOrdersAndReplayingItChangesNothing()
    {
        var (company, key) = await KeyedCompany("Erp figures");
        var order = SalesSetup.Unique("ERPO");
        var csv = $"CompanyKey;SalesThisYear;SalesLastYear;Outstanding;OrderNumber;OrderDate;OrderAmount\n{key};125 000,50;98000;1 250,00;;;\n{key};;;;{order};2026-03-14;4 200,10\n";

        var dry = await (await Push(csv, dryRun: true)).Read<ErpFeedSummary>();
        Assert.AreEqual((1, 1, false), (dry.CompaniesUpdated, dry.Orders.Created, dry.Committed));
        Assert.AreEqual(0m, (await (await As(Team.RepA).GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>()).SalesYearToDate);

        var applied = await (await Push(csv)).Read<ErpFeedSummary>();
        Assert.AreEqual((1, 1, true), (applied.CompaniesUpdated, applied.Orders.Created, applied.Committed));
        var card = await (await As(Team.RepA).GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();
        Assert.AreEqual((125000.50m, 98000m, 1250m), (card.SalesYearToDate, card.SalesLastYear, card.OutstandingAmount));
        Assert.AreEqual(new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc), App.WithDb(db => db.Companies.Single(c => c.Id == company.Id).ErpUpdatedAt));

        var replay = await (await Push(csv)).Read<ErpFeedSummary>();
        Assert.AreEqual((0, 0, 1, 0, 1), (replay.CompaniesUpdated, replay.CompaniesRefreshed, replay.CompaniesUnchanged, replay.Orders.Created, replay.Orders.Unchanged));
        Assert.AreEqual(1, App.WithDb(db => db.Orders.Count(o => o.ExternalNumber == order)));
        var order1 = App.WithDb(db => db.Orders.Single(o => o.ExternalNumber == order));
        Assert.AreEqual((4200.10m, Team.RepA.Id, new DateOnly(2026, 3, 14)), (order1.TotalExclVat, order1.OwnerId!.Value, order1.OrderedOn));

        // The next day's feed with the same figures only confirms them: the card's date moves.
        var nextDay = await (await Push(csv, asOf: "2026-11-28T05:00:00Z")).Read<ErpFeedSummary>();
        Assert.AreEqual((0, 1), (nextDay.CompaniesUpdated, nextDay.CompaniesRefreshed));
    }

    [TestMethod]
    public async Task UnknownKeysWrongNumbersAndDuplicateLinesRejectTheWholeFeed()
    {
        var (company, key) = await KeyedCompany("Erp bad input");
        var (_, other) = await KeyedCompany("Erp bad input 2");
        var csv = "CompanyKey;SalesThisYear;SalesLastYear;Outstanding;OrderNumber;OrderDate;OrderAmount\n"
            + $"{other};10;20;30;;;\n"          // 2: good, but must not be applied
            + "NO-SUCH-KEY;1;2;3;;;\n"          // 3: unknown key
            + $"{key};1,234.56;2;3;;;\n"        // 4: ambiguous number
            + $"{key};12 €;2;3;;;\n"            // 5: not a number
            + $"{other};11;20;30;;;\n"          // 6: duplicate figures
            + $"{key};;;;A-1;2026-13-01;5\n"    // 7: bad date
            + $"{key};;;;A-2;2026-01-01;5\n"    // 8: good order
            + $"{key};;;;A-2;2026-01-01;5\n"    // 9: duplicate order
            + $"{key};1;;;;;\n";                // 10: partial figures
        var problem = await (await Push(csv)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("summary").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString()!)).ToList();
        CollectionAssert.AreEqual(new[] { (3, "CompanyKey"), (4, "SalesThisYear"), (5, "SalesThisYear"), (6, "CompanyKey"), (7, "OrderDate"), (9, "OrderNumber"), (10, "SalesThisYear") },
            errors, string.Join(" | ", errors));
        Assert.IsTrue(App.WithDb(db => db.Companies.Where(c => c.ExternalKey == other).All(c => c.SalesYearToDate == 0 && c.ErpUpdatedAt == null)),
            "All or nothing: the good lines of a rejected feed are not applied.");
        Assert.IsFalse(App.WithDb(db => db.Orders.Any(o => o.ExternalNumber == "A-2" && o.CompanyId == company.Id)));
    }

    [TestMethod]
    public async Task TheCentralSystemPushesJsonAndRepsCannotPush()
    {
        var (company, key) = await KeyedCompany("Erp json");
        var body = new { asOf = "2026-11-27T06:00:00Z", companies = new object[] { new { companyKey = key, salesThisYear = 10.5, salesLastYear = 7, outstanding = 0,
            orders = new[] { new { number = SalesSetup.Unique("J"), date = "2026-02-01", amount = 99.99 } } } } };
        var summary = await (await App.SyncClientFor(null).Post("/api/erp/feed", body)).Read<ErpFeedSummary>();
        Assert.AreEqual((1, 1), (summary.CompaniesUpdated, summary.Orders.Created));
        Assert.AreEqual(10.5m, (await (await As(Team.RepA).GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>()).SalesYearToDate);
        await (await As(Team.RepA).Post("/api/erp/feed", body)).AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.NorthManager).Post("/api/erp/feed", body)).AssertProblem(HttpStatusCode.Forbidden);
        await (await App.SyncClientFor(null).Post("/api/erp/feed", new { companies = new object[] { new { companyKey = key, salesThisYear = "12,5" } } }))
            .AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task TheCommandLineVerbAppliesAFileAndRefusesABadOneWhole()
    {
        var (company, key) = await KeyedCompany("Erp command");
        var file = Path.Combine(Path.GetTempPath(), $"erp-{Guid.NewGuid():N}.csv");
        async Task<int> Run(string csv, params string[] flags)
        {
            await File.WriteAllTextAsync(file, csv);
            using var scope = App.Services.CreateScope();
            return await ErpCommand.RunAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), [file, .. flags], NullLogger.Instance);
        }
        try
        {
            Assert.AreEqual(0, await Run($"CompanyKey,SalesThisYear,SalesLastYear,Outstanding\n{key},5,6,7\n", "--dry-run"));
            Assert.IsNull(App.WithDb(db => db.Companies.Single(c => c.Id == company.Id).ErpUpdatedAt), "a dry run applies nothing");
            Assert.AreEqual(1, await Run($"CompanyKey,SalesThisYear,SalesLastYear,Outstanding\n{key},5,6,7\nNOPE,1,1,1\n"));
            Assert.AreEqual(0m, App.WithDb(db => db.Companies.Single(c => c.Id == company.Id).SalesYearToDate));
            Assert.AreEqual(0, await Run($"CompanyKey,SalesThisYear,SalesLastYear,Outstanding\n{key},5,6,7\n", "--as-of", "2026-11-26T04:00:00Z"));
            var applied = App.WithDb(db => db.Companies.Single(c => c.Id == company.Id));
            Assert.AreEqual((5m, new DateTime(2026, 11, 26, 4, 0, 0, DateTimeKind.Utc)), (applied.SalesYearToDate, applied.ErpUpdatedAt!.Value));
            Assert.AreEqual(2, await Run("x", "--as-of", "yesterday"));
        }
        finally { File.Delete(file); }
    }

    [TestMethod]
    public async Task TheCardShowsWhenTheErpLastUpdatedTheFigures()
    {
        var (company, key) = await KeyedCompany("Erp card");
        var email = $"{SalesSetup.Unique("erp")}@erp-card.example";
        await NewContact(As(Team.RepA), company.Id, "Card", email);
        await (await Push($"CompanyKey;SalesThisYear;SalesLastYear;Outstanding\n{key};1;2;3\n")).Read<ErpFeedSummary>();
        var card = (await (await As(Team.RepA).GetAsync($"/api/lookup?email={Uri.EscapeDataString(email)}")).Read<List<LookupCard>>()).Single();
        Assert.AreEqual(new DateTime(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc), card.Company.ErpUpdatedAt);
        Assert.AreEqual(3m, card.Company.OutstandingAmount);
    }
}

[TestClass] public sealed class ErpFeedOnSqlite : ErpFeedTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ErpFeedOnPostgreSql : ErpFeedTests { protected override Provider Provider => Provider.PostgreSql; }

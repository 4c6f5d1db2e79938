using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Lookup;

namespace OutlookCrm.Api.Tests.Schema;

// The add-in's hot queries, as EF writes them for SQL Server, must be valid T-SQL (no server runs here).
[TestClass]
public sealed class SqlServerQueryTests
{
    private static readonly Caller Rep = new(7, "Julien Moreau", UserRole.Rep, 1, false, [CompanyStatus.Suspect], false);
    private static readonly Caller Manager = new(2, "Sophie Laurent", UserRole.Manager, 1, false, [CompanyStatus.Suspect], false);
    private static readonly IConfiguration Config = new ConfigurationBuilder().Build();

    [TestMethod]
    public async Task TheCardsStatementsAreValidTSql()
    {
        var (db, capture) = SqlCapture.SqlServer();
        await using var _ = db;
        foreach (var caller in new[] { Rep, Manager })
            await LookupApi.LookupByEmail(["marie.dubois@menuiserie-dubois.fr", "a@b.fr"], db, caller, Config, new Microsoft.AspNetCore.Http.DefaultHttpContext().Request);
        capture.Commands.Add(LookupApi.ContactRows(db, Rep, ["a@b.fr"], DateTime.UtcNow).ToQueryString());
        capture.Commands.Add(CardItem.Query(db, [1, 2, 3], [1, 2], DateTime.UtcNow).ToQueryString());
        capture.Commands.Add(CardItem.Query(db, Enumerable.Range(1, LookupApi.MaxAddresses).Select(i => (long)i).ToList(), [1, 2], DateTime.UtcNow).ToQueryString());
        await PaneApi.Linked(db, Rep, "ical-1", null);
        AssertAllParse(capture.Commands, minimum: 6);
        Assert.IsTrue(capture.Commands.Any(c => c.Contains("FROM [Contacts]")), "SQL Server syntax: " + capture.Commands[0]);
    }

    [TestMethod]
    public async Task SearchesAreValidTSql()
    {
        var (db, capture) = SqlCapture.SqlServer();
        await using var _ = db;
        foreach (var caller in new[] { Rep, Manager })
        {
            await CompaniesApi.SearchCompanies(db, caller, "Dubois", CompanyStatus.Client, null, 100, 20);
            await CompaniesApi.SearchCompanies(db, caller, "+33 1 45", null, 7, null, null);
            await ContactsApi.SearchContacts(db, caller, "marie", 12, 3, 50);
        }
        AssertAllParse(capture.Commands, minimum: 6);
        Assert.IsTrue(capture.Commands.Any(c => c.Contains("TOP(") || c.Contains("OFFSET") || c.Contains("FETCH")), "paging became T-SQL");
    }

    // The hand-written SQL of the API (the change counter, stage durations) and the report figures' one scan has a SQL Server form too.
    [TestMethod]
    public async Task TheApisOwnSqlIsValidTSql()
    {
        var (db, capture) = SqlCapture.SqlServer();
        await using var _ = db;
        capture.Commands.Add(OutlookCrm.Api.Reports.ActivityFigures.Done(db, [1, 2], DateTime.UtcNow.AddYears(-1), DateTime.UtcNow)
            .Select(a => new { a.OwnerId, a.CompanyId, a.Type, a.StartUtc, a.EndUtc }).ToQueryString());
        capture.Commands.Add(OutlookCrm.Api.Reports.Durations.StageSpans(db, DateTime.UtcNow).ToQueryString());
        var counter = CrmDbContext.AdvanceCounter(sqlServer: true, by: 3);
        capture.Commands.Add(string.Format(counter.Format, "@p0"));
        StringAssert.Contains(capture.Commands[^1], "OUTPUT inserted");
        AssertAllParse(capture.Commands, minimum: 3);
    }

    private static void AssertAllParse(List<string> commands, int minimum)
    {
        Assert.IsGreaterThanOrEqualTo(minimum, commands.Count);
        foreach (var text in commands)
        {
            // ToQueryString declares raw-SQL parameters without their '@' (the command itself has it).
            var sql = System.Text.RegularExpressions.Regex.Replace(text, @"^DECLARE (\w)", "DECLARE @$1", System.Text.RegularExpressions.RegexOptions.Multiline);
            var errors = SqlServerScripts.Parse(sql);
            Assert.IsEmpty(errors, SqlServerScripts.Describe(errors, sql) + "\n" + sql);
        }
    }
}

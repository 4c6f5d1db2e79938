using System.Net;
using Microsoft.Data.Sqlite;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Faults;

// The embedded database held by another writer (a backup tool, a second process) past the command timeout.
[TestClass]
public sealed class LockedDatabaseTests
{
    [TestMethod]
    public async Task AWriteBlockedByAnotherProcessGets503AndSucceedsOnceTheLockIsGone()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm_locked_{Guid.NewGuid():N}.db");
        using var app = new CrmApp(Provider.Sqlite, connectionString: $"Data Source={file};Default Timeout=1");
        app.CreateClient().Dispose();
        var rep = app.ClientFor(SalesTeam.Create(app).RepA);

        await using (var other = new SqliteConnection($"Data Source={file}"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN EXCLUSIVE;";
            await hold.ExecuteNonQueryAsync();

            var blocked = await rep.Post("/api/companies", new { name = "Written while locked" });
            var problem = await blocked.AssertProblem(HttpStatusCode.ServiceUnavailable);
            Assert.IsNotNull(blocked.Headers.RetryAfter, "a 503 tells the client when to retry");
            StringAssert.Contains(problem.GetProperty("detail").GetString(), "nothing was saved");
        }
        SqliteConnection.ClearAllPools();

        await (await rep.Post("/api/companies", new { name = "Written after the lock" })).Read<Companies.CompanyDto>(HttpStatusCode.Created);
        var names = await (await rep.GetAsync("/api/companies?limit=10")).Read<Http.Page<Companies.CompanyDto>>();
        CollectionAssert.AreEqual(new[] { "Written after the lock" }, names.Items.Select(c => c.Name).ToArray(), "the refused write left nothing behind");
    }
}

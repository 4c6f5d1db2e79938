using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Sync;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Hosting;

// Two API processes on one PostgreSQL database, started together on an empty database and written to at once:
// one start-up migrates (the other waits), and the worker's change feed read across both stays ordered and gap-free.
[TestClass]
public sealed class TwoInstancesTests
{
    private const int Writers = 6, CompaniesPerWriter = 12;

    [TestMethod]
    public async Task TwoApisOnOneDatabaseMigrateOnceAndKeepTheSyncFeedGapFree()
    {
        var name = $"crm_two_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        }
        var cs = TestPostgres.Database(name);
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSql",
            ["Database__ConnectionString"] = cs,
            ["Auth__DevSignIn"] = "true",
            ["Auth__DevSigningKey"] = CrmApp.SigningKey,
            ["Demo__Seed"] = "false",
        };
        var urls = new[] { $"http://127.0.0.1:{ApiProcess.FreePort()}", $"http://127.0.0.1:{ApiProcess.FreePort()}" };
        var folder = ApiProcess.TempFolder();
        await using var first = ApiProcess.Start(env, folder, "--urls", urls[0]);
        await using var second = ApiProcess.Start(env, folder, "--urls", urls[1]);
        await Task.WhenAll(first.WaitReadyAsync(urls[0], TimeSpan.FromMinutes(8)), second.WaitReadyAsync(urls[1], TimeSpan.FromMinutes(8)));

        await using (var db = DatabaseSetup.Create(new DatabaseOptions { Provider = "PostgreSql", ConnectionString = cs }))
        {
            // Both started on an empty database: the schema and the default pipeline exist once.
            Assert.AreEqual(DefaultStages.All.Length, await db.PipelineStages.CountAsync(), first.Output + second.Output);
            var history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
            Assert.AreEqual(history.Count, history.Distinct().Count());
            Assert.AreEqual(0, (await db.Database.GetPendingMigrationsAsync()).Count());
            db.Users.Add(new User { DisplayName = "Admin", Upn = "admin@two.example", EntraObjectId = "oid-two-admin", Role = UserRole.Admin });
            await db.SaveChangesAsync();
        }
        var auth = new AuthOptions { DevSignIn = true, DevSigningKey = CrmApp.SigningKey };
        var userToken = DevSignInApi.UserToken(auth, "oid-two-admin", "Admin", "admin@two.example", TimeSpan.FromHours(1));
        var appToken = DevSignInApi.AppToken(auth, TimeSpan.FromHours(1));
        HttpClient Client(string url, string token)
        {
            var c = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return c;
        }
        var writers = urls.Select(u => Client(u, userToken)).ToArray();
        var readers = urls.Select(u => Client(u, appToken)).ToArray();
        var adminId = await readers[0].GetFromJsonAsync<List<Mailbox>>("/api/sync/mailboxes", HttpTestExtensions.Json) is { } boxes ? boxes.Single().UserId : 0;
        foreach (var r in readers) r.DefaultRequestHeaders.Add(Caller.ActAsHeader, adminId.ToString());

        // The worker's way: follow the cursor, alternating instances, while both instances take writes.
        var seen = new Dictionary<long, SyncCompany>();
        var cursors = new List<long>();
        var writing = true;
        async Task<int> Drain(int round)
        {
            var pages = 0;
            var cursor = cursors.Count == 0 ? 0 : cursors[^1];
            while (true)
            {
                var page = (await readers[(round + pages) % 2].GetFromJsonAsync<ChangePage<SyncCompany>>($"/api/sync/companies?cursor={cursor}&limit=7", HttpTestExtensions.Json))!;
                Assert.IsTrue(page.Cursor >= cursor, $"the cursor never goes back ({page.Cursor} after {cursor})");
                foreach (var c in page.Upserts) seen[c.Id] = c;
                cursor = page.Cursor;
                cursors.Add(cursor);
                pages++;
                if (!page.HasMore) return pages;
            }
        }
        var poller = Task.Run(async () =>
        {
            for (var round = 0; Volatile.Read(ref writing); round++) { await Drain(round); await Task.Delay(20); }
        });

        var created = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < CompaniesPerWriter; i++)
            {
                // Each company is created on one instance and given its contact on the other: two commits, two processes.
                var company = await (await writers[(w + i) % 2].Post("/api/companies", new { name = $"W{w}-{i}", status = "Client" }))
                    .Read<Companies.CompanyDto>(System.Net.HttpStatusCode.Created);
                await (await writers[(w + i + 1) % 2].Post("/api/contacts", new { companyId = company.Id, lastName = $"Contact {w}-{i}", firstName = "T" }))
                    .Read<Contacts.ContactDto>(System.Net.HttpStatusCode.Created);
                created.Add(company.Id);
            }
        })));
        Volatile.Write(ref writing, false);
        await poller;
        await Drain(0);

        // Gap-free: every company was seen by the reader, in its final state (created, then its contact added).
        Assert.AreEqual(Writers * CompaniesPerWriter, created.Count);
        CollectionAssert.AreEquivalent(created.ToList(), seen.Keys.ToList(), "every company reached the feed's reader");
        var missed = created.Where(id => seen[id].Contacts.Count != 1).ToList();
        Assert.AreEqual(0, missed.Count, $"the reader skipped the last change of {missed.Count} companies");
        // Ordered: cursors only grow, and the stamps of the two processes never collide.
        CollectionAssert.AreEqual(cursors.OrderBy(c => c).ToList(), cursors);
        await using (var db = DatabaseSetup.Create(new DatabaseOptions { Provider = "PostgreSql", ConnectionString = cs }))
        {
            var seqs = await db.Companies.Select(c => c.ChangeSeq).ToListAsync();
            Assert.AreEqual(seqs.Count, seqs.Distinct().Count(), "one change number per change");
        }
        Assert.IsFalse(first.HasExited || second.HasExited, first.Output + second.Output);
    }
}

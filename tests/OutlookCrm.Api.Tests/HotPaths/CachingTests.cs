using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// What is cached (the caller per token, the stages) is never another rep's, and is bounded in time; cards are not cached.
public abstract class CachingTests : ApiTest
{
    private static async Task<string?> Name(HttpClient client, string url = "/api/me") =>
        (await (await client.GetAsync(url)).Read<JsonElement>()).GetProperty("displayName").GetString();

    [TestMethod]
    public async Task RepsAskingInTurnEachGetTheirOwnCaller()
    {
        var a = As(Team.RepA);
        var b = As(Team.RepB);
        var manager = As(Team.NorthManager);
        for (var i = 0; i < 10; i++)
        {
            Assert.AreEqual(Team.RepA.DisplayName, await Name(a));
            Assert.AreEqual(Team.RepB.DisplayName, await Name(b, "/api/floor"));
            Assert.AreEqual(Team.NorthManager.DisplayName, await Name(manager));
        }
    }

    [TestMethod]
    public async Task TheSameApplicationTokenActingForTwoRepsIsTwoCallers()
    {
        var forA = App.SyncClientFor(Team.RepA);
        var forSouth = App.SyncClientFor(Team.RepSouth);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await NewCompany(As(Team.RepA), $"Acting {unique}");
        await NewContact(As(Team.RepA), company.Id, "Acting", $"acting.{unique}@acting.example");
        // The worker's own route: what each rep's mailbox gets is what that rep sees.
        var lookup = $"/api/lookup?email=acting.{unique}@acting.example";
        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual(Team.RepA.DisplayName, await Name(forA));
            Assert.AreEqual(Team.RepSouth.DisplayName, await Name(forSouth));
            Assert.AreEqual(1, (await (await forA.GetAsync(lookup)).Read<List<LookupCard>>()).Count);
            Assert.AreEqual(0, (await (await forSouth.GetAsync(lookup)).Read<List<LookupCard>>()).Count);
        }
    }

    // Two API instances on one database: a change through one shows at once on the other's card, even just after
    // that card was read there (cards are read from the database on every lookup).
    [TestMethod]
    public async Task ACardChangedThroughAnotherInstanceShowsAtOnce()
    {
        using var second = App.WithWebHostBuilder(_ => { });
        var first = As(Team.RepA);
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        var unique = Guid.NewGuid().ToString("N")[..8];
        var company = await NewCompany(first, $"Twice {unique}");
        await NewContact(first, company.Id, "Twice", $"twice.{unique}@two.example");
        var url = $"/api/lookup?email=twice.{unique}@two.example";
        Assert.AreEqual(0, (await (await other.GetAsync(url)).Read<List<LookupCard>>()).Single().LastNotes.Count);

        await NewNote(first, new { companyId = company.Id, text = $"note {unique}" });
        await (await first.Patch($"/api/companies/{company.Id}", new { name = $"Twice renamed {unique}" }, Tag(company.Version))).Read<Companies.CompanyDto>();

        var card = (await (await other.GetAsync(url)).Read<List<LookupCard>>()).Single();
        Assert.AreEqual($"note {unique}", card.LastNotes.Single().Text);
        Assert.AreEqual($"Twice renamed {unique}", card.Company.Name);
        var start = await (await other.GetAsync($"/api/pane/start?email=twice.{unique}@two.example")).Read<PaneStart>();
        Assert.AreEqual($"Twice renamed {unique}", start.Cards.Single().Company.Name);
    }

    // The caller is kept per token for HotPaths:CallerSeconds at most: a rep deactivated in the database (from
    // any instance) is refused once that time has passed.
    [TestMethod]
    public async Task ADeactivatedRepIsRefusedOnceTheCallerLifetimeHasPassed()
    {
        using var instance = App.WithWebHostBuilder(b => b.UseSetting("HotPaths:CallerSeconds", "1"));
        var user = App.WithDb(db =>
        {
            var u = new User { DisplayName = "Leaving rep", Upn = $"leaving-{Guid.NewGuid():N}@test.example", EntraObjectId = $"oid-{Guid.NewGuid():N}", Role = UserRole.Rep, TerritoryId = Team.North.Id };
            db.Users.Add(u);
            db.SaveChanges();
            return u;
        });
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = App.ClientFor(user).DefaultRequestHeaders.Authorization;
        Assert.AreEqual("Leaving rep", await Name(client));

        App.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdate(s => s.SetProperty(u => u.IsActive, false)));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await (await client.GetAsync("/api/me")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/floor")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [TestMethod]
    public void TheCacheKeyIsTheTokenItselfAndTheActAsHeader()
    {
        string? Key(string token, string? actAs = null)
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.Headers.Authorization = "Bearer " + token;
            if (actAs is not null) http.Request.Headers[Caller.ActAsHeader] = actAs;
            return HotPathCache.KeyOf(http.Request);
        }
        var tokenA = App.ClientFor(Team.RepA).DefaultRequestHeaders.Authorization!.Parameter!;
        var tokenB = App.ClientFor(Team.RepB).DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.AreNotEqual(Key(tokenA), Key(tokenB));
        Assert.AreNotEqual(Key(tokenA, "1"), Key(tokenA, "2"));
        Assert.AreEqual(Key(tokenA), Key(tokenA));
        Assert.IsFalse(Key(tokenA)!.Contains(tokenA[..20]), "the token itself is not kept");
        Assert.IsNull(HotPathCache.KeyOf(new Microsoft.AspNetCore.Http.DefaultHttpContext().Request));
    }
}

[TestClass] public sealed class CachingOnSqlite : CachingTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class CachingOnPostgreSql : CachingTests { protected override Provider Provider => Provider.PostgreSql; }

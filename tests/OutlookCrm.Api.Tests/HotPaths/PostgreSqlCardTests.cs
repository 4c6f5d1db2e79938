using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Demo;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.HotPaths;

// On PostgreSQL the card is one hand-written statement (Lookup/PostgreSqlCard.cs); everywhere else, and on PostgreSQL
// when asked, two EF statements. Both must answer the same for every caller and every address: on generated data
// (notes of logged mails and of visits, deals at every stage, past and planned activities) with follow-ups open and
// done, second addresses, archived contacts and companies, and for reps, a manager and an administrator.
[TestClass]
public sealed class PostgreSqlCardTests : ApiTest
{
    protected override Provider Provider => Provider.PostgreSql;

    [TestMethod]
    public async Task TheOneStatementCardAnswersWhatThePortableCardAnswers()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var firstCompany = (await db.Companies.MaxAsync(c => (long?)c.Id) ?? 0) + 1;
        await DataGenerator.RunAsync(db, new DataGenerator.Size(Companies: 240, ContactsPerCompany: 3, ActivitiesPerCompany: 25, NotesPerCompany: 8,
            Reps: 6, Territories: 2), NullLogger.Instance);
        var ids = await db.Companies.Where(c => c.Id >= firstCompany).OrderBy(c => c.Id).Select(c => new { c.Id, c.AccountManagerId }).ToListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (company, i) in ids.Where(c => c.AccountManagerId != null).Take(60).Select((c, i) => (c, i)))
            for (var n = 0; n < 7; n++) // more than the card shows (5), some done, some without a deal
                db.FollowUps.Add(new FollowUp
                {
                    CompanyId = company.Id, OwnerId = company.AccountManagerId!.Value, DueOn = today.AddDays(n * 3 - 6 + i % 3), Reason = $"Relance {i}.{n}",
                    DoneAt = n == 2 ? DateTime.UtcNow : null, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1,
                });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "Contacts" SET "Email2" = 'second.' || "Id" || '@card.example' WHERE "CompanyId" >= {firstCompany} AND "Id" % 5 = 0;
            UPDATE "Contacts" SET "DeletedAt" = now() WHERE "CompanyId" >= {firstCompany} AND "Id" % 11 = 0;
            UPDATE "Companies" SET "DeletedAt" = now() WHERE "Id" >= {firstCompany} AND "Id" % 17 = 0;
            """);

        var contacts = await db.Contacts.IgnoreQueryFilters().Where(k => k.CompanyId >= firstCompany).OrderBy(k => k.Id)
            .Select(k => new { k.Email, k.Email2 }).ToListAsync();
        var addresses = contacts.Select(k => k.Email!).Concat(contacts.Where(k => k.Email2 != null).Select(k => k.Email2!)).ToList();
        var users = await db.Users.Where(u => u.IsActive).OrderBy(u => u.Id).Select(u => new { u.Id, u.DisplayName, u.Role, u.TerritoryId }).ToListAsync();
        var callers = users.Where(u => u.Role == UserRole.Rep).Take(6).Select(u => new Caller(u.Id, u.DisplayName, u.Role, u.TerritoryId, false, [CompanyStatus.Suspect], false))
            .Append(Caller(Team.NorthManager, UserRole.Manager, Team.North.Id, seesAll: false))
            .Append(Caller(Team.Admin, UserRole.Admin, null, seesAll: true))
            .Append(new Caller(users.First(u => u.Role == UserRole.Rep).Id, "no shared status", UserRole.Rep, null, false, [], false)).ToList();
        var stages = await db.PipelineStages.Where(s => s.Kind == StageKind.Open).Select(s => s.Id).ToListAsync();
        var now = DateTime.UtcNow;
        var stale = now.AddMonths(-6);
        var rng = new Random(5);
        var seen = new HashSet<CardPart>();
        var full = new HashSet<CardPart>(); // lists cut by their limit: 3 mails, 3 notes, 5 follow-ups
        var hidden = 0;
        foreach (var caller in callers)
            for (var round = 0; round < 12; round++)
            {
                var wanted = Enumerable.Range(0, 1 + round % 4 * 5).Select(_ => addresses[rng.Next(addresses.Count)]).Append("nobody@card.example")
                    .Distinct().ToList();
                var one = await LookupApi.ReadAsync(db, caller, wanted, stale, stages, now);
                var two = await LookupApi.ReadAsync(db, caller, wanted, stale, stages, now, portable: true);
                Assert.AreEqual(Json(two.Rows), Json(one.Rows), $"contacts for {caller.Name}: {string.Join(", ", wanted)}");
                Assert.AreEqual(Json(Sorted(two.Items)), Json(Sorted(one.Items)), $"lists for {caller.Name}: {string.Join(", ", wanted)}");
                seen.UnionWith(one.Items.Select(i => i.Part));
                full.UnionWith(one.Items.GroupBy(i => (i.Part, i.CompanyId))
                    .Where(g => g.Count() == (g.Key.Part == CardPart.FollowUp ? LookupApi.FollowUpsShown : 3)).Select(g => g.Key.Part));
                hidden += wanted.Count - 1 - one.Rows.Count;
            }
        // What was compared covers every list and the visibility rule.
        CollectionAssert.IsSubsetOf(Enum.GetValues<CardPart>(), seen.ToList(), string.Join(", ", seen));
        CollectionAssert.IsSubsetOf(new[] { CardPart.Mail, CardPart.Note, CardPart.FollowUp }, full.ToList(), string.Join(", ", full));
        Assert.IsGreaterThan(0, hidden, "some addresses belonged to companies the caller cannot see, or archived ones");
    }

    private static Caller Caller(User user, UserRole role, int? territory, bool seesAll) =>
        new(user.Id, user.DisplayName, role, territory, seesAll, [CompanyStatus.Suspect], false);

    private static List<CardItem> Sorted(List<CardItem> items) => items.OrderBy(i => i.Part).ThenBy(i => i.CompanyId).ThenBy(i => i.Id).ToList();

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

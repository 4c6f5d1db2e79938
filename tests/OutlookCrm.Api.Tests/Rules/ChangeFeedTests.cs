using System.Net;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Sync;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

public abstract class ChangeFeedTests : ApiTest
{
    private async Task<ChangePage<SyncCompany>> Feed(Data.User rep, long cursor) =>
        await (await App.SyncClientFor(rep).GetAsync($"/api/sync/companies?cursor={cursor}&limit=1000")).Read<ChangePage<SyncCompany>>();

    private async Task<long> Head(Data.User rep)
    {
        long cursor = 0;
        for (var page = await Feed(rep, 0); ; page = await Feed(rep, cursor))
        {
            cursor = page.Cursor;
            if (!page.HasMore) return cursor;
        }
    }

    [TestMethod]
    public async Task ACompanyChangingAccountManagerLeavesOneRepsFeedAndEntersTheOthers()
    {
        var company = await NewCompany(As(Team.RepA), "Feed 1");
        await NewContact(As(Team.RepA), company.Id, "Durand", "durand@feed1.example");
        var (cursorA, cursorB) = (await Head(Team.RepA), await Head(Team.RepB));

        await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}",
            new { name = company.Name, status = "Client", accountManagerId = Team.RepB.Id }, Tag(company.Version))).Read<CompanyDto>();

        var a = await Feed(Team.RepA, cursorA);
        var b = await Feed(Team.RepB, cursorB);
        CollectionAssert.Contains(a.Removed.ToList(), company.Id);
        Assert.IsFalse(a.Upserts.Any(u => u.Id == company.Id));
        var entered = b.Upserts.Single(u => u.Id == company.Id);
        Assert.AreEqual("durand@feed1.example", entered.Contacts.Single().Email);
        Assert.AreEqual(Team.RepB.DisplayName, entered.AccountManagerName);
    }

    [TestMethod]
    public async Task AContactChangeOrANewNoteRepublishesItsCompanyAndNothingElse()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Feed 2");
        var other = await NewCompany(rep, "Feed 2 other");
        var cursor = await Head(Team.RepA);

        await NewContact(rep, company.Id, "Martin", "martin@feed2.example");
        var afterContact = await Feed(Team.RepA, cursor);
        CollectionAssert.AreEqual(new[] { company.Id }, afterContact.Upserts.Select(u => u.Id).ToArray());

        await NewNote(rep, new { companyId = company.Id, text = "Wants a demo" });
        var afterNote = await Feed(Team.RepA, afterContact.Cursor);
        Assert.AreEqual("Wants a demo", afterNote.Upserts.Single(u => u.Id == company.Id).LastNotes[0].Text);
        Assert.IsFalse(afterNote.Upserts.Any(u => u.Id == other.Id));

        var unchanged = await Feed(Team.RepA, afterNote.Cursor);
        Assert.AreEqual(0, unchanged.Upserts.Count + unchanged.Removed.Count);
        Assert.AreEqual(afterNote.Cursor, unchanged.Cursor);
    }

    [TestMethod]
    public async Task TheActivityFeedFollowsTheOwner()
    {
        var company = await NewCompany(As(Team.RepA), "Feed 3", status: Data.CompanyStatus.Suspect);
        var visit = await NewVisit(As(Team.RepA), company.Id);
        var cursorA = (await (await App.SyncClientFor(Team.RepA).GetAsync("/api/sync/activities?cursor=0&limit=1000")).Read<SyncActivities>()).Cursor;

        await (await As(Team.NorthManager).Patch($"/api/activities/{visit.Id}", new
        {
            type = "Visit", subject = "Handed over", startUtc = visit.StartUtc, companyId = company.Id, ownerId = Team.RepB.Id,
        }, Tag(visit.Version))).Read<Activities.ActivityDto>();

        var a = await (await App.SyncClientFor(Team.RepA).GetAsync($"/api/sync/activities?cursor={cursorA}")).Read<SyncActivities>();
        var b = await (await App.SyncClientFor(Team.RepB).GetAsync("/api/sync/activities?cursor=0")).Read<SyncActivities>();
        CollectionAssert.Contains(a.Removed.ToList(), visit.Id);
        Assert.AreEqual("Handed over", b.Upserts.Single(x => x.Id == visit.Id).Subject);
    }

    [TestMethod]
    public async Task TheFeedNeedsTheRepItActsFor() =>
        await (await App.SyncClientFor(null).GetAsync("/api/sync/companies")).AssertProblem(HttpStatusCode.Forbidden);
}

[TestClass] public sealed class ChangeFeedOnSqlite : ChangeFeedTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ChangeFeedOnPostgreSql : ChangeFeedTests { protected override Provider Provider => Provider.PostgreSql; }

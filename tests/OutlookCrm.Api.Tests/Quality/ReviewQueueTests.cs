using System.Net;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Quality;
using OutlookCrm.Api.Tests.Import;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Quality;

public abstract class ReviewQueueTests : ApiTest
{
    [TestMethod]
    public async Task RecordsNotVerifiedForTwelveMonthsAreQueuedOldestFirstWithinTheCallersScope()
    {
        var rep = As(Team.RepA);
        var old = await NewCompany(rep, "Review Old SARL");
        var older = await NewCompany(rep, "Review Older SARL");
        var fresh = await NewCompany(rep, "Review Fresh SARL");
        var contact = await NewContact(rep, fresh.Id, "Stale", "stale@review-fresh.fr");
        var theirs = await NewCompany(As(Team.RepB), "Review Theirs SARL");
        VerifiedAgo(old.Id, months: 13);
        VerifiedAgo(older.Id, months: 30);
        VerifiedAgo(theirs.Id, months: 30);
        ContactVerifiedAgo(contact.Id, months: 20);

        var queue = await (await rep.GetAsync("/api/quality/review?limit=200")).Read<ReviewQueue>();

        var mine = queue.Items.Where(i => i.CompanyName.StartsWith("Review ")).Select(i => (i.Kind, i.Name)).ToList();
        CollectionAssert.AreEqual(new[] { (RecordKind.Company, "Review Older SARL"), (RecordKind.Contact, "Test Stale"), (RecordKind.Company, "Review Old SARL") },
            mine, "oldest first; verified this year and other reps' customers are not queued");
        Assert.AreEqual(12, queue.Months);
        var longer = await (await rep.GetAsync("/api/quality/review?months=24&limit=200")).Read<ReviewQueue>();
        CollectionAssert.AreEqual(new[] { "Review Older SARL" }, longer.Items.Where(i => i.Name.StartsWith("Review ")).Select(i => i.Name).ToList(),
            "the period is configurable");
    }

    [TestMethod]
    public async Task ConfirmingOrEditingARecordTakesItOffTheQueue()
    {
        var rep = As(Team.RepA);
        var confirmed = await NewCompany(rep, "Confirm Me SARL");
        var edited = await NewCompany(rep, "Edit Me SARL");
        VerifiedAgo(confirmed.Id, months: 18);
        VerifiedAgo(edited.Id, months: 18);
        var current = await (await rep.GetAsync($"/api/companies/{confirmed.Id}")).Read<CompanyDto>();

        await (await rep.Send(HttpMethod.Post, $"/api/quality/review/companies/{confirmed.Id}/confirm", null, etag: null))
            .AssertProblem(HttpStatusCode.PreconditionRequired);
        var ok = await (await rep.Send(HttpMethod.Post, $"/api/quality/review/companies/{confirmed.Id}/confirm", null, Tag(current.Version))).Read<Verified>();
        var editedNow = await (await rep.GetAsync($"/api/companies/{edited.Id}")).Read<CompanyDto>();
        await (await rep.Patch($"/api/companies/{edited.Id}", new { name = "Edit Me SARL", city = "Lille" }, Tag(editedNow.Version))).Read<CompanyDto>();

        Assert.IsTrue(ok.LastVerifiedAt > DateTime.UtcNow.AddMinutes(-5));
        var queue = await (await rep.GetAsync("/api/quality/review?limit=200")).Read<ReviewQueue>();
        Assert.IsFalse(queue.Items.Any(i => i.Name is "Confirm Me SARL" or "Edit Me SARL"), string.Join(", ", queue.Items.Select(i => i.Name)));
        await (await rep.Send(HttpMethod.Post, $"/api/quality/review/companies/{confirmed.Id}/confirm", null, Tag(current.Version)))
            .AssertProblem(HttpStatusCode.PreconditionFailed);
    }

    [TestMethod]
    public async Task TheLookupCardFlagsStaleRecordsToVerify()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Card Flag SARL");
        var stale = await NewContact(rep, company.Id, "Ancien", "ancien@card-flag.fr");
        await NewContact(rep, company.Id, "Recent", "recent@card-flag.fr");
        ContactVerifiedAgo(stale.Id, months: 14);

        var cards = await (await rep.GetAsync("/api/lookup?email=ancien@card-flag.fr,recent@card-flag.fr")).Read<List<LookupCard>>();

        Assert.IsTrue(cards.Single(c => c.Email == "ancien@card-flag.fr").Contact.ToVerify);
        Assert.IsFalse(cards.Single(c => c.Email == "recent@card-flag.fr").Contact.ToVerify);
        Assert.IsFalse(cards[0].Company.ToVerify, "the company itself was verified at creation");
    }

    [TestMethod]
    public async Task AfterAMigrationNeverVerifiedImportsHaveTheirOwnBucketAndEveryRecordIsReachedByKeyset()
    {
        var manager = As(Team.NorthManager);
        var file = new System.Text.StringBuilder("Customer ID,Company,Last verified\r\n");
        for (var i = 0; i < 250; i++) file.Append($"MIG-{i},Migrated {i:000} SARL,\r\n");
        file.Append("MIG-OLD,Migrated Old SARL,2019-06-30\r\n");
        await (await manager.ImportBytes(System.Text.Encoding.UTF8.GetBytes(file.ToString()))).Read<OutlookCrm.Api.Import.ImportSummary>();
        var longAgo = await NewCompany(manager, "Verified Long Ago SARL", Team.RepA);
        VerifiedAgo(longAgo.Id, months: 60);

        var stale = await (await manager.GetAsync("/api/quality/review?limit=5")).Read<ReviewQueue>();
        var names = new List<string>();
        string? after = null;
        do
        {
            var page = await (await manager.GetAsync($"/api/quality/review?bucket=never&limit=100{(after is null ? "" : "&after=" + after)}")).Read<ReviewQueue>();
            names.AddRange(page.Items.Select(i => i.Name));
            after = page.Next;
        } while (after is not null);

        CollectionAssert.AreEqual(new[] { "Migrated Old SARL", "Verified Long Ago SARL" }, stale.Items.Select(i => i.Name).Take(2).ToList(),
            "the file's verified date is kept, and the stale bucket is not buried under never-verified imports");
        Assert.AreEqual(new DateTime(2019, 6, 30), stale.Items[0].LastVerifiedAt);
        Assert.IsTrue(stale.NeverVerified >= 250, $"{stale.NeverVerified}");
        Assert.AreEqual(250, names.Count(n => n.StartsWith("Migrated ")), "every never-verified import is reached, page after page");
        Assert.AreEqual(names.Count, names.Distinct().Count(), "no record twice");
        await (await manager.GetAsync("/api/quality/review?after=garbage")).AssertProblem(HttpStatusCode.BadRequest);
    }

    private void VerifiedAgo(long companyId, int months) => App.WithDb(db =>
        db.Companies.Where(c => c.Id == companyId).ExecuteUpdate(s => s.SetProperty(c => c.LastVerifiedAt, DateTime.UtcNow.AddMonths(-months))));

    private void ContactVerifiedAgo(long contactId, int months) => App.WithDb(db =>
        db.Contacts.Where(k => k.Id == contactId).ExecuteUpdate(s => s.SetProperty(k => k.LastVerifiedAt, DateTime.UtcNow.AddMonths(-months))));
}

[TestClass] public sealed class ReviewQueueOnSqlite : ReviewQueueTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ReviewQueueOnPostgreSql : ReviewQueueTests { protected override Provider Provider => Provider.PostgreSql; }

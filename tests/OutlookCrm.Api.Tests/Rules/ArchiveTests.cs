using System.Net;
using OutlookCrm.Api.Archive;
using OutlookCrm.Api.Audit;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Sync;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

// Issue 13 §4 and §8: soft delete, restore, the archive, GDPR erasure and the audit history.
public abstract class ArchiveTests : ApiTest
{
    private Task<HttpResponseMessage> Delete(Data.User user, string url) => As(user).DeleteAsync(url);

    [TestMethod]
    public async Task ADeletedCompanyLeavesListsAndTheFeedAndAManagerRestoresIt()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Archive 1");
        var feed = App.SyncClientFor(Team.RepA);
        var cursor = (await (await feed.GetAsync("/api/sync/companies?cursor=0&limit=1000")).Read<ChangePage<SyncCompany>>()).Cursor;

        await (await Delete(Team.RepB, $"/api/companies/{company.Id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.AreEqual(HttpStatusCode.NoContent, (await Delete(Team.RepA, $"/api/companies/{company.Id}")).StatusCode);
        await (await rep.GetAsync($"/api/companies/{company.Id}")).AssertProblem(HttpStatusCode.NotFound);
        var page = await (await feed.GetAsync($"/api/sync/companies?cursor={cursor}")).Read<ChangePage<SyncCompany>>();
        CollectionAssert.Contains(page.Removed.ToList(), company.Id);

        await (await rep.PostAsync($"/api/companies/{company.Id}/restore", null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await rep.GetAsync("/api/archive/companies")).AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.SouthManager).PostAsync($"/api/companies/{company.Id}/restore", null)).AssertProblem(HttpStatusCode.NotFound);
        var archive = await (await As(Team.NorthManager).GetAsync("/api/archive/companies")).Read<Http.Page<ArchivedDto>>();
        Assert.IsTrue(archive.Items.Any(a => a.Id == company.Id && a.Label == "Archive 1"));
        Assert.AreEqual(HttpStatusCode.NoContent, (await As(Team.NorthManager).PostAsync($"/api/companies/{company.Id}/restore", null)).StatusCode);
        await (await rep.GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();

        var history = await (await rep.GetAsync($"/api/companies/{company.Id}/history")).Read<List<HistoryEntryDto>>();
        CollectionAssert.AreEqual(new[] { "restore", "delete" }, history.Select(h => h.Action).ToArray());
        Assert.AreEqual(Team.NorthManager.DisplayName, history[0].UserName);
    }

    [TestMethod]
    public async Task EveryKindCanBeDeletedWithinTheRules()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Archive 2");
        var contact = await NewContact(rep, company.Id, "Gone", "gone@archive2.example");
        var visit = await NewVisit(rep, company.Id, extra: new { status = "Done", note = "Only note" });
        var deal = await NewDeal(rep, company.Id);
        var note = await NewNote(rep, new { companyId = company.Id, text = "Loose note" });
        var onlyNote = (await (await rep.GetAsync($"/api/notes?activityId={visit.Id}")).Read<Http.Page<Notes.NoteDto>>()).Items.Single();

        await (await Delete(Team.RepA, $"/api/notes/{onlyNote.Id}")).AssertProblem(HttpStatusCode.UnprocessableEntity);
        await (await Delete(Team.RepB, $"/api/notes/{note.Id}")).AssertProblem(HttpStatusCode.NotFound);
        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/deals/{deal.Id}");
        stale.Headers.TryAddWithoutValidation("If-Match", Tag(deal.Version + 5));
        await (await rep.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);
        foreach (var url in new[] { $"/api/notes/{note.Id}", $"/api/contacts/{contact.Id}", $"/api/activities/{visit.Id}", $"/api/deals/{deal.Id}" })
        {
            Assert.AreEqual(HttpStatusCode.NoContent, (await Delete(Team.RepA, url)).StatusCode, url);
            await (await rep.GetAsync(url)).AssertProblem(HttpStatusCode.NotFound);
        }
        var manager = As(Team.NorthManager);
        foreach (var (kind, id) in new[] { ("notes", note.Id), ("contacts", contact.Id), ("activities", visit.Id), ("deals", deal.Id) })
        {
            var archive = await (await manager.GetAsync($"/api/archive/{kind}")).Read<Http.Page<ArchivedDto>>();
            Assert.IsTrue(archive.Items.Any(a => a.Id == id), kind);
            Assert.AreEqual(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/{kind}/{id}/restore", null)).StatusCode, kind);
            Assert.AreEqual(HttpStatusCode.OK, (await rep.GetAsync($"/api/{kind}/{id}")).StatusCode, kind);
        }
    }

    [TestMethod]
    public async Task ErasureRemovesAContactsPersonalDataAndAuditsWithoutIt()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Archive 3");
        var contact = await NewContact(rep, company.Id, "Martin", "jeanne.martin@archive3.example");
        var patched = await (await rep.Patch($"/api/contacts/{contact.Id}", new { mobile = "+33 6 12 34 56 78" }, Tag(contact.Version))).Read<Contacts.ContactDto>();
        var mail = await NewVisit(rep, company.Id, extra: new { type = "Email", subject = "Re: offer", details = "From jeanne.martin@archive3.example: ok", contactIds = new[] { contact.Id } });
        var mention = await NewNote(rep, new { companyId = company.Id, text = "Call Test Martin back about the offer" });
        var cursor = (await (await App.SyncClientFor(Team.RepA).GetAsync("/api/sync/companies?cursor=0&limit=1000")).Read<ChangePage<SyncCompany>>()).Cursor;

        await (await rep.PostAsync($"/api/contacts/{contact.Id}/erase", null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await As(Team.NorthManager).PostAsync($"/api/contacts/{contact.Id}/erase", null)).AssertProblem(HttpStatusCode.Forbidden);
        var report = await (await As(Team.Admin).PostAsync($"/api/contacts/{contact.Id}/erase", null)).Read<ErasureReport>();

        Assert.AreEqual(1, report.ActivitiesScrubbed);
        CollectionAssert.Contains(report.NotesToReview.Select(n => n.NoteId).ToList(), mention.Id);
        var stored = App.WithDb(db => db.Contacts.Single(k => k.Id == contact.Id));
        Assert.AreEqual((null, Erasure.ErasedName, null, null, null), (stored.FirstName, stored.LastName, stored.Email, stored.Mobile, stored.Phone));
        Assert.IsNotNull(stored.DeletedAt);
        var activity = App.WithDb(db => db.Activities.Single(a => a.Id == mail.Id));
        Assert.IsFalse(activity.Details!.Contains("jeanne.martin"), activity.Details);
        Assert.AreEqual(0, App.WithDb(db => db.ActivityContacts.Count(x => x.ContactId == contact.Id)));
        var audit = App.WithDb(db => db.AuditEntries.Where(e => e.EntityType == "Contact" && e.EntityId == contact.Id).ToList());
        Assert.IsTrue(audit.Any(e => e.Action == "erase" && e.UserId == Team.Admin.Id));
        Assert.IsFalse(audit.Any(e => (e.OldValue ?? "").Contains("+33") || (e.NewValue ?? "").Contains("+33")), "the audit kept erased data");
        Assert.IsTrue(patched.Mobile is not null);
        var feed = await (await App.SyncClientFor(Team.RepA).GetAsync($"/api/sync/companies?cursor={cursor}")).Read<ChangePage<SyncCompany>>();
        Assert.IsFalse(feed.Upserts.Single(c => c.Id == company.Id).Contacts.Any(k => k.Id == contact.Id), "the worker must drop the Outlook copy");
        await (await As(Team.Admin).PostAsync($"/api/contacts/{contact.Id}/restore", null)).AssertProblem(HttpStatusCode.UnprocessableEntity);
    }

    [TestMethod]
    public async Task TheHistorySaysWhoChangedWhichFieldFromWhatToWhat()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Archive 4");
        var first = await (await rep.Patch($"/api/companies/{company.Id}", new { city = "Douai" }, Tag(company.Version))).Read<CompanyDto>();
        await (await As(Team.NorthManager).Patch($"/api/companies/{company.Id}", new { city = "Lens", status = "Lost" }, Tag(first.Version))).Read<CompanyDto>();

        var history = await (await rep.GetAsync($"/api/companies/{company.Id}/history")).Read<List<HistoryEntryDto>>();
        var city = history.Where(h => h.Field == "City").ToList();
        Assert.AreEqual(2, city.Count);
        Assert.AreEqual(("Douai", "Lens", Team.NorthManager.Id), (city[0].OldValue, city[0].NewValue, city[0].UserId));
        Assert.AreEqual(((string?)null, "Douai", Team.RepA.Id), (city[1].OldValue, city[1].NewValue, city[1].UserId));
        Assert.IsTrue(history.Any(h => h.Field == "Status" && h.OldValue == "Client" && h.NewValue == "Lost"));
        await (await As(Team.RepSouth).GetAsync($"/api/companies/{company.Id}/history")).AssertProblem(HttpStatusCode.NotFound);

        var deal = await NewDeal(rep, company.Id, "History deal", 10);
        await (await rep.Patch($"/api/deals/{deal.Id}", new { amount = 20m }, Tag(deal.Version))).Read<Deals.DealDto>();
        var dealHistory = await (await rep.GetAsync($"/api/deals/{deal.Id}/changes")).Read<List<HistoryEntryDto>>();
        Assert.IsTrue(dealHistory.Any(h => h.Field == "Amount" && decimal.Parse(h.OldValue!, System.Globalization.CultureInfo.InvariantCulture) == 10m
            && decimal.Parse(h.NewValue!, System.Globalization.CultureInfo.InvariantCulture) == 20m), string.Join(";", dealHistory));
    }
}

[TestClass] public sealed class ArchiveOnSqlite : ArchiveTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ArchiveOnPostgreSql : ArchiveTests { protected override Provider Provider => Provider.PostgreSql; }

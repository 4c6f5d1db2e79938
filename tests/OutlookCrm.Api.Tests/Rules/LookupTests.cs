using OutlookCrm.Api.Data;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

public abstract class LookupTests : ApiTest
{
    [TestMethod]
    public async Task LookupByEmailReturnsExactlyTheCardOfThatContact()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Lookup 1");
        await (await rep.Patch($"/api/companies/{company.Id}", new
        {
            name = company.Name, status = "Client", category = "A", salesYearToDate = 1200.5m, salesLastYear = 3000m, outstandingAmount = 250m,
        }, Tag(company.Version))).Read<Companies.CompanyDto>();
        var contact = await NewContact(rep, company.Id, "Lefort", "Anne.Lefort@Lookup1.example");
        await NewContact(rep, company.Id, "Other", "other@lookup1.example");
        var past = await NewVisit(rep, company.Id, DateTimeOffset.UtcNow.AddDays(-3), new { status = "Done", note = "note 1" });
        var next = await NewVisit(rep, company.Id, DateTimeOffset.UtcNow.AddDays(2));
        await NewVisit(rep, company.Id, DateTimeOffset.UtcNow.AddDays(9));
        for (var i = 2; i <= 4; i++) await NewNote(rep, new { companyId = company.Id, text = $"note {i}" });
        var open = await NewDeal(rep, company.Id, "Open deal", 5000);
        var won = await NewDeal(rep, company.Id, "Won deal", 7000);
        await rep.Send(HttpMethod.Post, $"/api/deals/{won.Id}/stage", new { stageId = 8 }, Tag(won.Version));

        var cards = await (await rep.GetAsync("/api/lookup?email=ANNE.lefort@lookup1.example&email=unknown@nowhere.example")).Read<List<LookupCard>>();

        var card = cards.Single();
        Assert.AreEqual("anne.lefort@lookup1.example", card.Email);
        Assert.AreEqual(contact.Id, card.Contact.Id);
        Assert.AreEqual(company.Id, card.Company.Id);
        Assert.AreEqual(CompanyStatus.Client, card.Company.Status);
        Assert.AreEqual(CustomerCategory.A, card.Company.Category);
        Assert.AreEqual(Team.RepA.DisplayName, card.Company.AccountManagerName);
        Assert.AreEqual(1200.5m, card.Company.SalesYearToDate);
        Assert.AreEqual(3000m, card.Company.SalesLastYear);
        Assert.AreEqual(250m, card.Company.OutstandingAmount);
        CollectionAssert.AreEqual(new[] { "note 4", "note 3", "note 2" }, card.LastNotes.Select(n => n.Text).ToArray());
        CollectionAssert.AreEqual(new[] { open.Id }, card.OpenDeals.Select(d => d.Id).ToArray());
        Assert.AreEqual("To follow", card.OpenDeals[0].StageName);
        Assert.AreEqual(past.Id, card.LastActivity?.Id);
        Assert.AreEqual(next.Id, card.NextActivity?.Id);
    }

    [TestMethod]
    public async Task SeveralAddressesSeparatedByCommasGiveOneCardEach()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Lookup 2");
        await NewContact(rep, company.Id, "One", "one@lookup2.example");
        await NewContact(rep, company.Id, "Two", "two@lookup2.example");

        var cards = await (await rep.GetAsync("/api/lookup?email=one@lookup2.example,two@lookup2.example")).Read<List<LookupCard>>();

        CollectionAssert.AreEquivalent(new[] { "One", "Two" }, cards.Select(c => c.Contact.LastName).ToArray());
    }

    [TestMethod]
    public async Task LoggingTheSameOutlookItemTwiceNeverDuplicates()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Lookup 3");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        object Visit(string subject) => new { type = "Visit", subject, startUtc = start, companyId = company.Id, outlookICalUId = "ical-123" };
        object Mail() => new { type = "Email", subject = "Re: quote", startUtc = start, companyId = company.Id, internetMessageId = "<m1@x>", status = "Done", note = "excerpt" };

        var first = await (await rep.Post("/api/activities", Visit("First"))).Read<Activities.ActivityDto>(System.Net.HttpStatusCode.Created);
        var again = await (await rep.Post("/api/activities", Visit("Renamed"))).Read<Activities.ActivityDto>();
        Assert.AreEqual(first.Id, again.Id);
        Assert.AreEqual("Renamed", again.Subject);

        var mail = await (await rep.Post("/api/activities", Mail())).Read<Activities.ActivityDto>(System.Net.HttpStatusCode.Created);
        var mailAgain = await (await rep.Post("/api/activities", Mail())).Read<Activities.ActivityDto>();
        Assert.AreEqual(mail.Id, mailAgain.Id);
        Assert.AreEqual(1, mailAgain.NoteCount);
        var byOutlook = await (await rep.GetAsync("/api/activities/by-outlook?internetMessageId=%3Cm1@x%3E")).Read<Activities.ActivityDto>();
        Assert.AreEqual(mail.Id, byOutlook.Id);
    }
}

[TestClass] public sealed class LookupOnSqlite : LookupTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class LookupOnPostgreSql : LookupTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Pane;

// A done activity never goes back to planned or cancelled, whatever the path (PUT, logging the Outlook item again, cancel).
public abstract class DoneStaysDoneTests : ApiTest
{
    private async Task<(HttpClient Rep, ActivityDto Done)> DoneVisit(string name, object? extra = null)
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, name);
        var visit = await NewVisit(rep, company.Id, extra: extra);
        var done = await (await rep.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { note = "Met them." }, Tag(visit.Version))).Read<ActivityDto>();
        Assert.AreEqual(ActivityStatus.Done, done.Status);
        return (rep, done);
    }

    // PUT replaces the whole record: every field of the representation, as read.
    private static object Body(ActivityDto a, string status, string? subject = null) => new
    {
        type = a.Type.ToString(), subject = subject ?? a.Subject, startUtc = a.StartUtc, endUtc = a.EndUtc, companyId = a.CompanyId,
        timeZone = a.TimeZone, status, outlookICalUId = a.OutlookICalUId, outlookEventId = a.OutlookEventId,
        contactIds = a.ContactIds, dealId = a.DealId, ownerId = a.OwnerId, outcome = a.Outcome, details = a.Details,
        location = a.Location, internetMessageId = a.InternetMessageId,
    };

    [TestMethod]
    public async Task PuttingADoneActivityBackToPlannedIsRefusedAndItStaysClosed()
    {
        var (rep, done) = await DoneVisit("Done stays 1");

        var problem = await (await rep.Put($"/api/activities/{done.Id}", Body(done, "Planned"), Tag(done.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);

        StringAssert.Contains(problem.GetProperty("detail").GetString(), "stays done");
        var after = await (await rep.GetAsync($"/api/activities/{done.Id}")).Read<ActivityDto>();
        Assert.AreEqual(ActivityStatus.Done, after.Status);
        Assert.AreEqual(done.ClosedAt, after.ClosedAt);
        Assert.AreEqual(done.Version, after.Version);
    }

    [TestMethod]
    public async Task LoggingTheSameAppointmentAgainCannotReopenIt()
    {
        var key = $"AAMk-{Guid.NewGuid():N}";
        var (rep, done) = await DoneVisit("Done stays 2", new { outlookICalUId = key, outlookEventId = key });

        // What the pane used to send when the form stayed after closing: the same item, status omitted (Planned).
        await (await rep.Post("/api/activities", new { type = "Visit", subject = "Again", startUtc = done.StartUtc, companyId = done.CompanyId, outlookICalUId = key }))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);

        var after = await (await rep.GetAsync($"/api/activities/{done.Id}")).Read<ActivityDto>();
        Assert.AreEqual(ActivityStatus.Done, after.Status);
        Assert.AreEqual("Visit", after.Subject);
        Assert.IsNotNull(after.ClosedAt);
    }

    [TestMethod]
    public async Task ADoneActivityCannotBeCancelled()
    {
        var (rep, done) = await DoneVisit("Done stays 3");
        await (await rep.Send(HttpMethod.Post, $"/api/activities/{done.Id}/cancel", null, Tag(done.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.AreEqual(ActivityStatus.Done, (await (await rep.GetAsync($"/api/activities/{done.Id}")).Read<ActivityDto>()).Status);
    }

    [TestMethod]
    public async Task ADoneActivityCanStillBeCorrectedWhileStayingDone()
    {
        var (rep, done) = await DoneVisit("Done stays 4");

        var fixedUp = await (await rep.Put($"/api/activities/{done.Id}", Body(done, "Done", "Visit (typo fixed)"), Tag(done.Version))).Read<ActivityDto>();

        Assert.AreEqual(ActivityStatus.Done, fixedUp.Status);
        Assert.AreEqual("Visit (typo fixed)", fixedUp.Subject);
        Assert.AreEqual(done.ClosedAt, fixedUp.ClosedAt);
    }

    [TestMethod]
    public async Task LoggingTheSameMailTwiceSaysAlreadyLogged()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Already logged");
        var mail = new { type = "Email", subject = "Quote", startUtc = DateTimeOffset.UtcNow.AddHours(-1), companyId = company.Id,
            internetMessageId = $"<{Guid.NewGuid():N}@client.example>", status = "Done", note = "Asks for a quote." };

        var first = await (await rep.Post("/api/activities", mail)).Read<ActivityDto>(HttpStatusCode.Created);
        var second = await (await rep.Post("/api/activities", mail)).Read<ActivityDto>();

        Assert.IsFalse(first.AlreadyLogged);
        Assert.IsTrue(second.AlreadyLogged);
        Assert.AreEqual(first.Id, second.Id);
    }

    [TestMethod]
    public async Task AMailToCounterpartsOfTwoCompaniesIsLoggedOnceForEachAndThePaneSeesBoth()
    {
        var rep = As(Team.RepA);
        var supplier = await NewCompany(rep, "Mail to two, supplier");
        var customer = await NewCompany(rep, "Mail to two, customer");
        var messageId = $"<{Guid.NewGuid():N}@client.example>";
        object Mail(long companyId) => new { type = "Email", subject = "Joint visit", startUtc = DateTimeOffset.UtcNow.AddHours(-1), companyId,
            internetMessageId = messageId, status = "Done", note = "Both agree on the date." };

        var forSupplier = await (await rep.Post("/api/activities", Mail(supplier.Id))).Read<ActivityDto>(HttpStatusCode.Created);
        var forCustomer = await (await rep.Post("/api/activities", Mail(customer.Id))).Read<ActivityDto>(HttpStatusCode.Created);
        var again = await (await rep.Post("/api/activities", Mail(customer.Id))).Read<ActivityDto>();

        Assert.AreNotEqual(forSupplier.Id, forCustomer.Id, "one activity per company");
        Assert.IsTrue(again.AlreadyLogged);
        Assert.AreEqual(forCustomer.Id, again.Id);
        var byOutlook = await (await rep.GetAsync($"/api/activities/by-outlook?internetMessageId={Uri.EscapeDataString(messageId)}&companyId={customer.Id}")).Read<ActivityDto>();
        Assert.AreEqual(forCustomer.Id, byOutlook.Id);
        var start = await (await rep.GetAsync($"/api/pane/start?internetMessageId={Uri.EscapeDataString(messageId)}")).Read<Lookup.PaneStart>();
        CollectionAssert.AreEquivalent(new[] { supplier.Id, customer.Id }, start.LinkedCompanyIds.ToArray());
        Assert.AreEqual(forSupplier.Id, start.Linked!.Id);
    }
}

[TestClass] public sealed class DoneStaysDoneOnSqlite : DoneStaysDoneTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class DoneStaysDoneOnPostgreSql : DoneStaysDoneTests { protected override Provider Provider => Provider.PostgreSql; }

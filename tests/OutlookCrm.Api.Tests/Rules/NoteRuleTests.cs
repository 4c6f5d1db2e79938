using System.Net;
using OutlookCrm.Api.Activities;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

public abstract class NoteRuleTests : ApiTest
{
    [TestMethod]
    public async Task ClosingAnActivityWithoutANoteIsRejected()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Note rule 1");
        var visit = await NewVisit(rep, company.Id);

        var problem = await (await rep.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { outcome = "ok" }, Tag(visit.Version)))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);

        StringAssert.Contains(problem.GetProperty("detail").GetString(), "without a note");
        var after = await (await rep.GetAsync($"/api/activities/{visit.Id}")).Read<ActivityDto>();
        Assert.AreEqual(ActivityStatus.Planned, after.Status);
    }

    [TestMethod]
    public async Task AnActivityClosesOnceItHasANote()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Note rule 2");
        var visit = await NewVisit(rep, company.Id);
        await NewNote(rep, new { activityId = visit.Id, text = "Met the buyer; wants a quote." });

        var closed = await (await rep.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { outcome = "Quote asked" }, Tag(visit.Version)))
            .Read<ActivityDto>();

        Assert.AreEqual(ActivityStatus.Done, closed.Status);
        Assert.AreEqual("Quote asked", closed.Outcome);
        Assert.IsNotNull(closed.ClosedAt);
    }

    [TestMethod]
    public async Task ANoteGivenWithTheCloseRequestIsSavedAndSatisfiesTheRule()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Note rule 3");
        var visit = await NewVisit(rep, company.Id);

        var closed = await (await rep.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { note = "Signed the order." }, Tag(visit.Version)))
            .Read<ActivityDto>();

        Assert.AreEqual(ActivityStatus.Done, closed.Status);
        Assert.AreEqual(1, closed.NoteCount);
    }

    [TestMethod]
    public async Task LoggingADoneActivityWithoutANoteIsRejectedAndNothingIsSaved()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Note rule 4");
        var start = DateTimeOffset.UtcNow.AddHours(-2);

        await (await rep.Post("/api/activities", new { type = "Call", subject = "Call", startUtc = start, companyId = company.Id, status = "Done" }))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);

        var list = await (await rep.GetAsync($"/api/activities?companyId={company.Id}")).Read<Page<ActivityDto>>();
        Assert.AreEqual(0, list.Items.Count);
    }

    [TestMethod]
    public async Task UpdatingAnActivityToDoneWithoutANoteIsRejected()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Note rule 5");
        var visit = await NewVisit(rep, company.Id);

        await (await rep.Patch($"/api/activities/{visit.Id}", new
        {
            type = "Visit", subject = visit.Subject, startUtc = visit.StartUtc, companyId = company.Id, status = "Done",
        }, Tag(visit.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
    }

    [TestMethod]
    public async Task TheSyncWorkerClosingForARepFollowsTheSameRule()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Note rule 6");
        var visit = await NewVisit(rep, company.Id);
        var worker = App.SyncClientFor(Team.RepA);

        await (await worker.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { }, Tag(visit.Version)))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);
        var closed = await (await worker.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { note = "From Outlook" }, Tag(visit.Version)))
            .Read<ActivityDto>();
        Assert.AreEqual(ActivityStatus.Done, closed.Status);
    }
}

[TestClass] public sealed class NoteRuleOnSqlite : NoteRuleTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class NoteRuleOnPostgreSql : NoteRuleTests { protected override Provider Provider => Provider.PostgreSql; }

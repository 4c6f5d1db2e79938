using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Reference;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Pane;

// What the card needs from the lookup, and the caller's language (Accept-Language) in stages and errors.
public abstract class PaneCardTests : ApiTest
{
    [TestMethod]
    public async Task TheCardHasPhonesAndShowsLoggedMailsAsMailsNotNotes()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Card phones");
        await (await rep.Patch($"/api/companies/{company.Id}", new { phone = "04 72 00 00 00" }, Tag(company.Version))).Read<CompanyDto>();
        var email = $"phones-{Guid.NewGuid():N}@card.example";
        await rep.Post("/api/contacts", new { companyId = company.Id, lastName = "Phones", email, phone = "04 72 11 11 11", mobile = "06 12 34 56 78" });
        await NewNote(rep, new { companyId = company.Id, text = "A real note" });
        await rep.Post("/api/activities", new { type = "Email", subject = "Your quote", startUtc = DateTimeOffset.UtcNow.AddHours(-1), companyId = company.Id,
            internetMessageId = $"<{Guid.NewGuid():N}@x>", status = "Done", note = "✉ Your quote: body of the mail" });

        var card = (await (await rep.GetAsync($"/api/lookup?email={email}")).Read<List<LookupCard>>()).Single();

        Assert.AreEqual("04 72 11 11 11", card.Contact.Phone);
        Assert.AreEqual("06 12 34 56 78", card.Contact.Mobile);
        Assert.AreEqual("04 72 00 00 00", card.Company.Phone);
        CollectionAssert.AreEqual(new[] { "A real note" }, card.LastNotes.Select(n => n.Text).ToArray(), "the mail's gist is not a note on the card");
        Assert.AreEqual("Your quote", card.RecentMails!.Single().Subject);
    }

    [TestMethod]
    public async Task AlertsComeAsCodesWithParametersTheStageInTheCallersLanguage()
    {
        var rep = As(Team.RepA);
        var company = await NewCompany(rep, "Alert codes");
        var email = $"alerts-{Guid.NewGuid():N}@card.example";
        await NewContact(rep, company.Id, "Alerts", email);
        var deal = await NewDeal(rep, company.Id, "Stuck deal");
        App.WithDb(db => db.Deals.Where(d => d.Id == deal.Id).ExecuteUpdate(s => s.SetProperty(d => d.StageEnteredAt, DateTime.UtcNow.AddDays(-100))));

        var en = (await (await rep.GetAsync($"/api/lookup?email={email}")).Read<List<LookupCard>>()).Single();
        var fr = (await (await French(Team.RepA).GetAsync($"/api/lookup?email={email}")).Read<List<LookupCard>>()).Single();

        var stuck = en.Alerts.Single(a => a.Kind == "StageTooLong");
        Assert.AreEqual("Stuck deal", ((JsonElement)stuck.Params!["deal"]!).GetString());
        Assert.AreEqual("To follow", ((JsonElement)stuck.Params["stage"]!).GetString());
        Assert.AreEqual(100, ((JsonElement)stuck.Params["days"]!).GetInt32());
        Assert.AreEqual(60, ((JsonElement)stuck.Params["max"]!).GetInt32());
        Assert.AreEqual("À suivre", ((JsonElement)fr.Alerts.Single(a => a.Kind == "StageTooLong").Params!["stage"]!).GetString());
        Assert.AreEqual("À suivre", fr.OpenDeals.Single().StageName);
    }

    [TestMethod]
    public async Task StagesAreNamedAndDefinedInFrenchForAFrenchCaller()
    {
        var en = await (await As(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>();
        var fr = await (await French(Team.RepA).GetAsync("/api/stages")).Read<List<StageDto>>();

        Assert.AreEqual("Negotiation", en.Single(s => s.Order == 6).Name);
        Assert.AreEqual("Négociation", fr.Single(s => s.Order == 6).Name);
        Assert.AreEqual("Conditions, prix ou délais en cours de négociation.", fr.Single(s => s.Order == 6).Definition);
        CollectionAssert.AreEqual(en.Select(s => s.Id).ToArray(), fr.Select(s => s.Id).ToArray());
    }

    [TestMethod]
    public async Task ErrorsAreInTheCallersLanguage()
    {
        var fr = French(Team.RepA);
        var notFound = await (await fr.GetAsync("/api/activities/987654321")).AssertProblem(HttpStatusCode.NotFound);
        Assert.AreEqual("Introuvable", notFound.GetProperty("title").GetString());
        Assert.AreEqual("L’action 987654321 n’existe pas ou n’est pas dans votre périmètre.", notFound.GetProperty("detail").GetString());

        var company = await NewCompany(fr, "Erreurs en français");
        var visit = await NewVisit(fr, company.Id);
        var rule = await (await fr.Send(HttpMethod.Post, $"/api/activities/{visit.Id}/close", new { }, Tag(visit.Version))).AssertProblem(HttpStatusCode.UnprocessableEntity);
        StringAssert.StartsWith(rule.GetProperty("detail").GetString(), "Une action ne peut pas être clôturée sans note.");

        var invalid = await (await fr.Post("/api/contacts", new { companyId = company.Id, lastName = "" })).AssertProblem(HttpStatusCode.BadRequest);
        var messages = invalid.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(m => m.GetString()).ToList();
        Assert.IsTrue(messages.Count > 0 && messages.All(m => m!.StartsWith("Le champ")), string.Join(" | ", messages));

        var english = await (await As(Team.RepA).GetAsync("/api/activities/987654321")).AssertProblem(HttpStatusCode.NotFound);
        Assert.AreEqual("Activity 987654321 does not exist or is not in your scope.", english.GetProperty("detail").GetString());
    }

    [TestMethod]
    public void TheLanguageFollowsTheCallersPreferenceOrder()
    {
        static bool Fr(string header)
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.Headers.AcceptLanguage = header;
            return Errors.ProblemLanguage.PrefersFrench(http.Request);
        }
        Assert.IsTrue(Fr("fr"));
        Assert.IsTrue(Fr("fr-CA, en;q=0.8"));
        Assert.IsTrue(Fr("de, en;q=0.5, fr;q=0.9"));
        Assert.IsFalse(Fr("en-GB, fr;q=0.8"));
        Assert.IsFalse(Fr("fr;q=0"));
        Assert.IsFalse(Fr(""));
    }
}

[TestClass] public sealed class PaneCardOnSqlite : PaneCardTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class PaneCardOnPostgreSql : PaneCardTests { protected override Provider Provider => Provider.PostgreSql; }

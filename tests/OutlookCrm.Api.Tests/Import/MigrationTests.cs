using System.Net;
using System.Text;
using System.Text.Json;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Spreadsheets;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

// A customer moving from another CRM: nothing lost, nothing hidden, their own layouts.
public abstract class MigrationTests : ApiTest
{
    [TestMethod]
    public async Task NamesakesWithDifferentEmailsStayTwoContactsAndAReimportChangesNothing()
    {
        var manager = As(Team.NorthManager);
        var file = Utf8("Company,Postal code,First name,Last name,Email\r\nHomonymes SA,59000,Jean,Martin,jean.martin@homonymes.fr\r\n"
            + "Homonymes SA,59000,Jean,Martin,j.martin2@homonymes.fr\r\n");

        var first = await (await manager.ImportBytes(file)).Read<ImportSummary>();
        var again = await (await manager.ImportBytes(file)).Read<ImportSummary>();

        Assert.AreEqual(2, first.Contacts.Created, first.Message);
        var emails = App.WithDb(db => db.Contacts.Where(k => k.LastName == "Martin" && k.Company!.Name == "Homonymes SA").Select(k => k.Email).ToList());
        CollectionAssert.AreEquivalent(new[] { "jean.martin@homonymes.fr", "j.martin2@homonymes.fr" }, emails);
        Assert.AreEqual((0, 0, 2), (again.Contacts.Created, again.Contacts.Updated, again.Contacts.Unchanged), again.Message);
    }

    [TestMethod]
    public async Task ARealUpdateIsListedOldToNewAndCountedAndTheSamePhoneWrittenDifferentlyIsNoChange()
    {
        var manager = As(Team.NorthManager);
        await manager.ImportBytes(Utf8("Company,City,Phone,Last name,Email,Mobile\r\nListe SARL,Lille,03 20 00 00 00,Roux,roux@liste.fr,06 10 00 00 00\r\n"));

        var dry = await (await manager.ImportBytes(Utf8("Company,City,Phone,Last name,Email,Mobile\r\n"
            + "Liste SARL,Roubaix,+33 3 20 00 00 00,Roux,roux@liste.fr,+33 6 99 00 00 00\r\n"), "&dryRun=true")).Read<ImportSummary>();

        Assert.AreEqual((0, 1, 0, 1), (dry.Companies.Created, dry.Companies.Updated, dry.Contacts.Created, dry.Contacts.Updated), dry.Message);
        CollectionAssert.AreEquivalent(new[] { "City: Lille → Roubaix", "Mobile: 06 10 00 00 00 → +33 6 99 00 00 00" }, dry.Changes.Select(c => c.Text).ToList(),
            "the company phone is the same number written differently: no change");
        Assert.IsTrue(dry.Changes.All(c => c.Line == 2));
        StringAssert.Contains(dry.Message, "2 values replaced");
    }

    [TestMethod]
    public async Task APersonRepeatedWithOtherValuesIsAConflictNotTwoSuccessiveUpdates()
    {
        var manager = As(Team.NorthManager);
        var file = Utf8("Company,Last name,Email,Mobile\r\nRepetition SA,Blanc,blanc@repetition.fr,06 01 01 01 01\r\n"
            + "Repetition SA,Blanc,blanc@repetition.fr,06 02 02 02 02\r\n");

        var refused = await (await manager.ImportBytes(file)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        var error = refused.GetProperty("summary").Deserialize<ImportSummary>(HttpTestExtensions.Json)!.Errors.Single();
        Assert.AreEqual((3, "Mobile"), (error.Line, error.Column));
        StringAssert.Contains(error.Reason, "Conflict: line 2");

        var partial = await (await manager.ImportBytes(file, "&skipInvalid=true")).Read<ImportSummary>();
        var again = await (await manager.ImportBytes(file, "&skipInvalid=true")).Read<ImportSummary>();

        Assert.AreEqual((true, 1, 1), (partial.Committed, partial.Contacts.Created, partial.RejectedRows), partial.Message);
        Assert.AreEqual("06 01 01 01 01", App.WithDb(db => db.Contacts.Single(k => k.Email == "blanc@repetition.fr").Mobile), "the first line is kept, not overwritten");
        Assert.AreEqual((0, 0, 1, 1), (again.Contacts.Created, again.Contacts.Updated, again.Contacts.Unchanged, again.RejectedRows), again.Message);
    }

    [TestMethod]
    public async Task HubSpotOwnersBecomeAccountManagersAndAnOwnerNotFoundIsAnErrorOnItsLine()
    {
        var manager = As(Team.NorthManager);

        var dry = await (await manager.Import("hubspot-companies.csv", "&dryRun=true")).Read<ImportSummary>();
        var error = dry.Errors.Single();
        Assert.AreEqual((4, "Company owner"), (error.Line, error.Column));
        StringAssert.Contains(error.Reason, "'Paul Nobody'");

        var summary = await (await manager.Import("hubspot-companies.csv", "&skipInvalid=true")).Read<ImportSummary>();
        Assert.AreEqual((2, 1), (summary.Companies.Created, summary.RejectedRows), summary.Message);
        var lemaire = App.WithDb(db => db.Companies.Single(c => c.ExternalKey == "18340112"));
        var vasseur = App.WithDb(db => db.Companies.Single(c => c.ExternalKey == "18340113"));
        Assert.AreEqual((Team.RepA.Id, CompanyStatus.Client, "boulangerie-lemaire.fr", "59000"), (lemaire.AccountManagerId, lemaire.Status, lemaire.Website, lemaire.PostalCode));
        Assert.AreEqual((Team.RepB.Id, CompanyStatus.Prospect), (vasseur.AccountManagerId, vasseur.Status), "owner given by e-mail");
        Assert.IsFalse(App.WithDb(db => db.Companies.Any(c => c.ExternalKey == "18340114")), "never silently given to the importing manager");

        var contacts = await (await manager.Import("hubspot-contacts.csv")).Read<ImportSummary>();
        Assert.AreEqual((0, 2), (contacts.Companies.Created, contacts.Contacts.Created), contacts.Message);
        var claire = App.WithDb(db => db.Contacts.Single(k => k.ExternalKey == "501"));
        Assert.AreEqual((lemaire.Id, "+33 6 11 22 33 44", "Gérante"), (claire.CompanyId, claire.Mobile, claire.JobTitle));
    }

    [TestMethod]
    public async Task EveryCommonLayoutImportsWithoutAMapping()
    {
        var manager = As(Team.NorthManager);
        foreach (var file in new[] { "salesforce-accounts.csv", "salesforce-contacts.csv", "pipedrive-organizations.csv", "pipedrive-people.csv",
                     "zoho-accounts.csv", "zoho-contacts.csv", "google-contacts.csv", "outlook-contacts-fr.csv" })
        {
            var summary = await (await manager.Import(file)).Read<ImportSummary>();
            Assert.IsTrue(summary.Committed && summary.Companies.Created + summary.Contacts.Created > 0, $"{file}: {summary.Message}");
        }

        var leclercq = App.WithDb(db => db.Companies.Single(c => c.ExternalKey == "0015g00000AbCdE"));
        Assert.AreEqual((CompanyStatus.Client, Team.RepA.Id, "59300"), (leclercq.Status, leclercq.AccountManagerId, leclercq.PostalCode));
        var sophie = App.WithDb(db => db.Contacts.Single(k => k.ExternalKey == "0035g00000XyZ01"));
        Assert.AreEqual((leclercq.Id, "Directrice"), (sophie.CompanyId, sophie.JobTitle), "Salesforce's Title is the job title");
        var luc = App.WithDb(db => db.Contacts.Single(k => k.ExternalKey == "301"));
        Assert.AreEqual(("luc@plomberie-martel.fr", "luc.martel@gmail.com", "06 20 70 70 71"), (luc.Email, luc.Email2, luc.Mobile));
        Assert.AreEqual("41", App.WithDb(db => db.Companies.Single(c => c.Id == luc.CompanyId).ExternalKey), "a Pipedrive person joins their organization by name");
        var anne = App.WithDb(db => db.Contacts.Single(k => k.Email == "anne@fromagerie-delattre.fr"));
        Assert.AreEqual(("anne.delattre@orange.fr", "Gérante"), (anne.Email2, anne.JobTitle));
        var julie = App.WithDb(db => db.Contacts.Single(k => k.Email == "julie@cabinet-morel.fr"));
        Assert.AreEqual(("+33 6 44 55 66 77", "03 20 44 55 66", "Avocate"), (julie.Mobile, julie.Phone, julie.JobTitle), "Google's phone labels decide");
        var lea = App.WithDb(db => db.Contacts.Where(k => k.Email == "lea.petit@laposte.net").Select(k => k.Company!.Name).Single());
        Assert.AreEqual("Léa Petit", lea, "a person without a company is filed under their own name");
        Assert.AreEqual("Paul Girard", App.WithDb(db => db.Contacts.Where(k => k.Email == "paul.girard@free.fr").Select(k => k.Company!.Name).Single()));
    }

    [TestMethod]
    public async Task ACompanyFileWithEmailAndDomainColumnsGivesThemToTheCompany()
    {
        var summary = await (await As(Team.NorthManager).Import("societes-fr-semicolon.csv")).Read<ImportSummary>();

        Assert.AreEqual((2, 0, "windows-1252", ";"), (summary.Companies.Created, summary.Contacts.Created, summary.Encoding, summary.Separator), summary.Message);
        var dumont = App.WithDb(db => db.Companies.Single(c => c.ExternalKey == "C0101"));
        Assert.AreEqual(("contact@pharmacie-dumont.fr", "pharmacie-dumont.fr", Team.RepA.Id, "03 20 55 55 55"), (dumont.Email, dumont.Website, dumont.AccountManagerId, dumont.Phone));
        var lefort = App.WithDb(db => db.Companies.Single(c => c.ExternalKey == "C0102"));
        Assert.AreEqual(("3 rue des Vignes, Bâtiment C", Team.RepB.Id), (lefort.Street, lefort.AccountManagerId), "\"Rep B\" is the user rep-b by name");
    }

    [TestMethod]
    public async Task AStatusTheTableDoesNotKnowIsRefusedUntilMapped()
    {
        var manager = As(Team.NorthManager);
        var file = Utf8("Account Name,Type\r\nPartenaire Nord,Channel Partner / Reseller\r\n");

        var refused = await (await manager.ImportBytes(file, "&dryRun=true")).Read<ImportSummary>();
        StringAssert.Contains(refused.Errors.Single().Reason, "status=Channel Partner / Reseller=Client");

        var mapped = await (await manager.ImportBytes(file, "&status=" + Uri.EscapeDataString("Channel Partner / Reseller=Client"))).Read<ImportSummary>();
        Assert.AreEqual(1, mapped.Companies.Created, mapped.Message);
        Assert.AreEqual(CompanyStatus.Client, App.WithDb(db => db.Companies.Single(c => c.Name == "Partenaire Nord").Status));
    }

    [TestMethod]
    public async Task SkipInvalidImportsTheValidLinesAndReturnsTheRefusedOnesAsCsv()
    {
        var manager = As(Team.NorthManager);

        var csv = await (await manager.ImportBytes(SampleFiles.Bytes("bad-lines.csv"), "&skipInvalid=true", accept: "text/csv")).Content.ReadAsStringAsync();

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("Line,Column,Reason", lines[0]);
        Assert.AreEqual(7, lines.Length, csv);
        Assert.AreEqual(1, (await (await manager.GetAsync("/api/companies?q=Atelier Correct")).Read<Page<CompanyDto>>()).Items.Count, "the valid line is imported");
    }

    [TestMethod]
    public async Task AnXlsxWorkbookImportsFromItsFirstOrNamedSheet()
    {
        var stream = new MemoryStream();
        using (var book = XlsxBook.Create(stream))
        {
            using (var notes = book.AddSheet("Notes", [new XlsxColumn("Nothing to import here", 30)])) notes.Row("Read me first");
            using var sheet = book.AddSheet("Clients", [new XlsxColumn("Code client", 10), new XlsxColumn("Raison sociale", 30),
                new XlsxColumn("Code postal", 10, XlsxStyle.Integer), new XlsxColumn("Ville", 20), new XlsxColumn("Dernière vérification", 12, XlsxStyle.Date),
                new XlsxColumn("Prénom", 12), new XlsxColumn("Nom", 12), new XlsxColumn("E-mail", 20)]);
            sheet.Row("X-1", "Classeur Excel SAS", 59800, "Lille", new DateTime(2025, 3, 31), "Inès", "Carpentier", "ines@classeur.fr");
        }
        var manager = As(Team.NorthManager);

        var firstSheet = await (await manager.ImportBytes(stream.ToArray(), "&dryRun=true", "clients.xlsx")).AssertProblem(HttpStatusCode.BadRequest);
        var summary = await (await manager.ImportBytes(stream.ToArray(), "&sheet=Clients", "clients.xlsx")).Read<ImportSummary>();

        StringAssert.Contains(firstSheet.GetProperty("detail").GetString(), "No column names the company", "the first sheet is read unless one is named");
        Assert.AreEqual((1, 1, "xlsx, sheet Clients"), (summary.Companies.Created, summary.Contacts.Created, summary.Encoding), summary.Message);
        var company = App.WithDb(db => db.Companies.Single(c => c.ExternalKey == "X-1"));
        Assert.AreEqual(("59800", "Classeur Excel SAS"), (company.PostalCode, company.Name));
        Assert.AreEqual(new DateTime(2025, 3, 31), App.WithDb(db => db.Contacts.Single(k => k.Email == "ines@classeur.fr").LastVerifiedAt));
        await (await manager.ImportBytes(stream.ToArray(), "&sheet=Nope", "clients.xlsx")).AssertProblem(HttpStatusCode.BadRequest);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}

[TestClass] public sealed class MigrationOnSqlite : MigrationTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class MigrationOnPostgreSql : MigrationTests { protected override Provider Provider => Provider.PostgreSql; }

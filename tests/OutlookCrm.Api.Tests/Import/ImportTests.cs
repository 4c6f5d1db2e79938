using System.Net;
using System.Text.Json;
using OutlookCrm.Api.Audit;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Notes;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

public abstract class ImportTests : ApiTest
{
    [TestMethod]
    public async Task AnOutlookContactsExportBecomesCompaniesWithTheirContactsAndNotes()
    {
        var manager = As(Team.NorthManager);

        var summary = await (await manager.ImportAsForm("outlook-contacts-export.csv")).Read<ImportSummary>();

        Assert.IsTrue(summary.Committed, summary.Message);
        Assert.AreEqual(3, summary.Rows);
        Assert.AreEqual(2, summary.Companies.Created, "two Dubois contacts share one company");
        Assert.AreEqual(3, summary.Contacts.Created);
        Assert.AreEqual("outlook-contacts-export.csv", summary.FileName);
        var dubois = (await (await manager.GetAsync("/api/companies?q=Menuiserie Dubois")).Read<Page<CompanyDto>>()).Items.Single();
        Assert.AreEqual("12 rue des Artisans, ZA du Moulin", dubois.Street);
        Assert.AreEqual("77100", dubois.PostalCode);
        Assert.AreEqual("+33 1 64 00 00 00", dubois.Phone, "Company Main Phone is the company's");
        Assert.IsNull(dubois.LastVerifiedAt, "an imported record is not verified until someone checks it");
        var marie = (await (await manager.GetAsync("/api/contacts?q=marie.dubois@menuiserie-dubois.fr")).Read<Page<ContactDto>>()).Items.Single();
        Assert.AreEqual(("Marie", "Gérante", "+33 1 64 00 00 01", "+33 6 12 34 56 78"), (marie.FirstName, marie.JobTitle, marie.Phone, marie.Mobile));
        var notes = (await (await manager.GetAsync($"/api/notes?companyId={dubois.Id}")).Read<Page<NoteDto>>()).Items;
        Assert.AreEqual("Met at the Batimat fair.\r\nWants a quote for 40 windows, \"triple glazing\".", notes.Single().Text,
            "a quoted field keeps its line break and doubled quotes");
        var martin = (await (await manager.GetAsync("/api/contacts?q=j.martin@martin-fils.fr")).Read<Page<ContactDto>>()).Items.Single();
        Assert.AreEqual("Martin & Fils, Charpente", martin.CompanyName);
        Assert.AreEqual("jean.martin@gmail.com", martin.Email2);

        var again = await (await manager.ImportAsForm("outlook-contacts-export.csv")).Read<ImportSummary>();
        Assert.AreEqual((0, 0, 2), (again.Companies.Created, again.Companies.Updated, again.Companies.Unchanged), again.Message);
        Assert.AreEqual((0, 0, 3), (again.Contacts.Created, again.Contacts.Updated, again.Contacts.Unchanged), again.Message);
        Assert.AreEqual(0, again.NotesCreated);
    }

    [TestMethod]
    public async Task ASemicolonWindows1252FrenchExportIsDryRunThenImportedThenReimportedWithoutChange()
    {
        var manager = As(Team.NorthManager);

        var dry = await (await manager.Import("crm-export-fr-windows1252.csv", "&dryRun=true")).Read<ImportSummary>();
        Assert.AreEqual(("windows-1252", ";", 3, 0, false), (dry.Encoding, dry.Separator, dry.Companies.Created, dry.RejectedRows, dry.Committed));
        Assert.AreEqual(0, (await (await manager.GetAsync("/api/companies?q=Lef")).Read<Page<CompanyDto>>()).Items.Count, "a dry run saves nothing");

        var first = await (await manager.Import("crm-export-fr-windows1252.csv")).Read<ImportSummary>();
        Assert.IsTrue(first.Committed, first.Message);
        Assert.AreEqual((3, 2), (first.Companies.Created, first.NotesCreated));
        var sgb = (await (await manager.GetAsync("/api/companies?q=Société Générale")).Read<Page<CompanyDto>>()).Items.Single();
        Assert.AreEqual(("Société Générale du Bâtiment", "CL-001", CompanyStatus.Client, CustomerCategory.A, Team.RepA.Id, "4 place de l'Église"),
            (sgb.Name, sgb.ExternalKey, sgb.Status, sgb.Category, sgb.AccountManagerId, sgb.Street));
        var garage = (await (await manager.GetAsync("/api/companies?q=Garage Herv")).Read<Page<CompanyDto>>()).Items.Single();
        Assert.AreEqual((CompanyStatus.Former, "1 route d'Évry; bâtiment B", Team.RepB.Id), (garage.Status, garage.Street, garage.AccountManagerId));
        var seqBefore = App.WithDb(db => db.Companies.Max(c => c.ChangeSeq));

        var again = await (await manager.Import("crm-export-fr-windows1252.csv")).Read<ImportSummary>();
        Assert.AreEqual((0, 0, 3, 0), (again.Companies.Created, again.Companies.Updated, again.Companies.Unchanged, again.NotesCreated), again.Message);
        var sgbAfter = await (await manager.GetAsync($"/api/companies/{sgb.Id}")).Read<CompanyDto>();
        Assert.AreEqual(sgb.Version, sgbAfter.Version, "an unchanged record keeps its version");
        Assert.AreEqual(seqBefore, App.WithDb(db => db.Companies.Max(c => c.ChangeSeq)), "nothing is re-published to Outlook");

        // Its contacts, in a UTF-8 (BOM) file with commas, join the company by name and postal code.
        var contacts = await (await manager.Import("contacts-fr-utf8-bom.csv")).Read<ImportSummary>();
        Assert.AreEqual(("utf-8", ",", 0, 1, 2), (contacts.Encoding, contacts.Separator, contacts.Companies.Created, contacts.Companies.Unchanged, contacts.Contacts.Created), contacts.Message);
        var elodie = (await (await manager.GetAsync($"/api/contacts?companyId={sgb.Id}&q=rousseau")).Read<Page<ContactDto>>()).Items.Single();
        Assert.AreEqual(("Élodie", "elodie.rousseau@sgb.fr", "K-1"), (elodie.FirstName, elodie.Email, elodie.ExternalKey));
    }

    [TestMethod]
    public async Task AChangedValueInAReimportedFileUpdatesOnlyThatRecord()
    {
        var manager = As(Team.NorthManager);
        const string header = "Customer ID,Company,City\r\n";
        await (await manager.ImportBytes(Utf8(header + "UPD-1,Update One,Lille\r\nUPD-2,Update Two,Arras\r\n"))).Read<ImportSummary>();

        var second = await (await manager.ImportBytes(Utf8(header + "UPD-1,Update One,Roubaix\r\nUPD-2,Update Two,Arras\r\n"))).Read<ImportSummary>();

        Assert.AreEqual((0, 1, 1), (second.Companies.Created, second.Companies.Updated, second.Companies.Unchanged));
        var one = (await (await manager.GetAsync("/api/companies?q=Update One")).Read<Page<CompanyDto>>()).Items.Single();
        Assert.AreEqual(("Roubaix", 2), (one.City, one.Version));
        var history = await (await manager.GetAsync($"/api/companies/{one.Id}/history")).Read<List<HistoryEntryDto>>();
        var change = history.Single(h => h.Action == "update");
        Assert.AreEqual(("City", "Lille", "Roubaix", Team.NorthManager.Id), (change.Field, change.OldValue, change.NewValue, change.UserId),
            "an import's change is in the company's history, in the importing manager's name");
    }

    [TestMethod]
    public async Task AKnownContactKeepsTheirCompanyWhenTheFileSpellsItDifferently()
    {
        var manager = As(Team.NorthManager);
        var company = await NewCompany(manager, "Ancre Industrie SA", Team.RepA);
        var contact = await NewContact(manager, company.Id, "Ancre", "ancre@ancre-industrie.fr");

        var summary = await (await manager.ImportBytes(Utf8("Company,Postal code,Last name,Email\r\nAncre Industrie,62000,Ancre,ANCRE@ancre-industrie.fr\r\n")))
            .Read<ImportSummary>();

        Assert.AreEqual((0, 0), (summary.Companies.Created, summary.Contacts.Created), summary.Message);
        Assert.AreEqual(company.Id, (await (await manager.GetAsync($"/api/contacts/{contact.Id}")).Read<ContactDto>()).CompanyId,
            "the contact is not moved to a new duplicate company");
        var after = await (await manager.GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();
        Assert.AreEqual(("Ancre Industrie SA", null, company.Version), (after.Name, after.PostalCode, after.Version), "nor is their company renamed");
    }

    [TestMethod]
    public async Task BadLinesAreListedWithLineColumnAndReasonAndNothingIsImported()
    {
        var manager = As(Team.NorthManager);

        var problem = await (await manager.Import("bad-lines.csv")).AssertProblem(HttpStatusCode.UnprocessableEntity);

        var summary = problem.GetProperty("summary").Deserialize<ImportSummary>(HttpTestExtensions.Json)!;
        Assert.AreEqual((6, 5, false), (summary.Rows, summary.RejectedRows, summary.Committed));
        var errors = summary.Errors.Select(e => (e.Line, e.Column)).ToList();
        CollectionAssert.AreEquivalent(new[] { (3, "Company"), (4, "Status"), (5, "Email"), (6, "Category"), (6, "Account manager"), (7, "") }, errors,
            string.Join("; ", summary.Errors));
        StringAssert.Contains(summary.Errors.Single(e => e.Line == 4).Reason, "'Emperor' is not a status");
        Assert.AreEqual(0, (await (await manager.GetAsync("/api/companies?q=Atelier Correct")).Read<Page<CompanyDto>>()).Items.Count,
            "one bad line keeps the whole file out");

        var csv = await (await manager.ImportBytes(SampleFiles.Bytes("bad-lines.csv"), "&dryRun=true", accept: "text/csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("Line,Column,Reason", lines[0]);
        Assert.AreEqual(7, lines.Length, csv);
        StringAssert.StartsWith(lines[1], "3,Company,");
    }

    [TestMethod]
    public async Task HeadersNoAliasKnowsAreMappedByTheUser()
    {
        var manager = As(Team.NorthManager);
        var unmapped = await (await manager.Import("odd-headers.csv")).AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(unmapped.GetProperty("detail").GetString(), "No column names the company");

        var summary = await (await manager.Import("odd-headers.csv",
            "&map=" + Uri.EscapeDataString("Nom du compte=CompanyName") + "&map=" + Uri.EscapeDataString("CP=PostalCode") + "&map=Localité=City"))
            .Read<ImportSummary>();

        Assert.AreEqual(1, summary.Companies.Created);
        var company = (await (await manager.GetAsync("/api/companies?q=Mapping Test")).Read<Page<CompanyDto>>()).Items.Single();
        Assert.AreEqual(("33000", "Bordeaux"), (company.PostalCode, company.City));
        await (await manager.Import("odd-headers.csv", "&map=Nom du compte=Shoe size")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task AManagerCannotOverwriteOrDuplicateACompanyOutsideTheirScope()
    {
        await NewCompany(As(Team.RepA), "Hors Zone Nord SA");

        var problem = await (await As(Team.SouthManager).ImportBytes(Utf8("Company,City\r\nHors Zone Nord SA,Marseille\r\n"))).AssertProblem(HttpStatusCode.UnprocessableEntity);

        StringAssert.Contains(problem.GetProperty("summary").GetProperty("errors")[0].GetProperty("reason").GetString(), "outside your scope");
        var north = (await (await As(Team.NorthManager).GetAsync("/api/companies?q=Hors Zone Nord")).Read<Page<CompanyDto>>()).Items.Single();
        Assert.IsNull(north.City);
    }

    [TestMethod]
    public async Task RepsCannotImport() =>
        await (await As(Team.RepA).Import("odd-headers.csv")).AssertProblem(HttpStatusCode.Forbidden);

    [TestMethod]
    public async Task HundredsOfRowsImportInOneGoAndReimportUnchanged()
    {
        var manager = As(Team.NorthManager);
        var sb = new System.Text.StringBuilder("Account Number;Company;Postal code;Last name;First name;Email\r\n");
        for (var i = 0; i < 400; i++) sb.Append($"BULK-{i};Bulk Company {i};{10000 + i};Contact{i};\"Anne, Marie\";bulk{i}@bulk.example\r\n");

        var first = await (await manager.ImportBytes(Utf8(sb.ToString()))).Read<ImportSummary>();
        var second = await (await manager.ImportBytes(Utf8(sb.ToString()))).Read<ImportSummary>();

        Assert.AreEqual((400, 400, 400), (first.Rows, first.Companies.Created, first.Contacts.Created), first.Message);
        Assert.AreEqual((0, 0, 400, 400), (second.Companies.Created + second.Contacts.Created, second.Companies.Updated + second.Contacts.Updated,
            second.Companies.Unchanged, second.Contacts.Unchanged), second.Message);
        Assert.AreEqual(400, App.WithDb(db => db.Contacts.Count(k => k.Email!.StartsWith("bulk"))));
    }

    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}

[TestClass] public sealed class ImportOnSqlite : ImportTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ImportOnPostgreSql : ImportTests { protected override Provider Provider => Provider.PostgreSql; }

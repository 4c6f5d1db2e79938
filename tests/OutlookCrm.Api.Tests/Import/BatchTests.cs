using System.Net;
using System.Text;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

// The import works in batches of CsvImport.BatchSize lines, applied in memory and saved together: a refused line must
// leave nothing behind, and what one batch created or described must be known to the next ones.
public abstract class BatchTests : ApiTest
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [TestMethod]
    public async Task ARefusedLineLeavesNothingBehindWhenTheRestIsImported()
    {
        var manager = As(Team.NorthManager);
        // Line 2 creates a company for a rep of another territory: the move rule refuses it after the line was matched.
        var file = Utf8("Company,Postal code,Account manager,Last name,Email\r\n"
            + $"Sans Trace SARL,59000,{Team.RepSouth.Upn},Nouveau,nouveau@sans-trace.fr\r\n"
            + "Avec Trace SARL,59000,,Garde,garde@avec-trace.fr\r\n");

        var summary = await (await manager.ImportBytes(file, "&skipInvalid=true")).Read<ImportSummary>();

        Assert.AreEqual((true, 1, 1, 1), (summary.Committed, summary.RejectedRows, summary.Companies.Created, summary.Contacts.Created), summary.Message);
        Assert.AreEqual(2, summary.Errors.Single().Line);
        Assert.AreEqual((0, 0), App.WithDb(db => (db.Companies.Count(c => c.Name == "Sans Trace SARL"), db.Contacts.Count(k => k.Email == "nouveau@sans-trace.fr"))));
        Assert.AreEqual(1, App.WithDb(db => db.Contacts.Count(k => k.Email == "garde@avec-trace.fr" && k.Company!.Name == "Avec Trace SARL")));
    }

    [TestMethod]
    public async Task RecordsOfAnEarlierBatchAreMatchedAndAConflictAcrossBatchesIsReported()
    {
        var manager = As(Team.NorthManager);
        var lines = new StringBuilder("Company,Postal code,Last name,Email,Mobile\r\n");
        var count = CsvImport.BatchSize * 2 + 500;
        for (var i = 0; i < count; i++)
        {
            var line = i switch
            {
                // A person of the first batch again in the third, with another mobile: a conflict, not an update.
                var n when n == count - 1 => "Lot 10 SAS,59010,Nom10,lot10@lots.example,06 99 99 99 99",
                // A contact of the first batch's company, in the third batch: the company is found, not created again.
                var n when n == count - 2 => "Lot 3 SAS,59003,Nouvelle,nouvelle@lots.example,",
                _ => $"Lot {i} SAS,{59000 + i},Nom{i},lot{i}@lots.example,06 00 00 {i / 100 % 100:00} {i % 100:00}",
            };
            lines.Append(line).Append("\r\n");
        }
        var file = Utf8(lines.ToString());

        var refused = await (await manager.ImportBytes(file)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        var error = refused.GetProperty("summary").GetProperty("errors")[0];
        Assert.AreEqual(count + 1, error.GetProperty("line").GetInt32());
        StringAssert.Contains(error.GetProperty("reason").GetString(), "Conflict: line 12");

        var partial = await (await manager.ImportBytes(file, "&skipInvalid=true")).Read<ImportSummary>();
        Assert.AreEqual((count - 2, 0, count - 1, 1), (partial.Companies.Created, partial.Companies.Updated, partial.Contacts.Created, partial.RejectedRows),
            partial.Message);
        Assert.AreEqual(2, App.WithDb(db => db.Contacts.Count(k => k.Company!.Name == "Lot 3 SAS")));
        Assert.AreEqual("06 00 00 00 10", App.WithDb(db => db.Contacts.Single(k => k.Email == "lot10@lots.example").Mobile));

        var again = await (await manager.ImportBytes(file, "&skipInvalid=true")).Read<ImportSummary>();
        Assert.AreEqual((0, 0, 0, 0, 1), (again.Companies.Created, again.Companies.Updated, again.Contacts.Created, again.Contacts.Updated, again.RejectedRows),
            again.Message);
    }

    // The batch reads the namesakes only for lines whose contact neither its key nor its e-mail finds; an address found in
    // the database can still stop finding its contact when an earlier line of the batch, finding that contact by key,
    // gives it another: the later line must then be matched among the namesakes as if the lines had been saved one by one.
    [TestMethod]
    public async Task AnAddressAnEarlierLineTookAwayLeavesTheLineToTheNamesakes()
    {
        var manager = As(Team.NorthManager);
        const string header = "Company,Postal code,Contact key,First name,Last name,Email\r\n";
        var first = await (await manager.ImportBytes(Utf8(header
            + "Durand Frères SARL,59100,K-1,Jean,Martin,ancien@durand-freres.fr\r\n"
            + "Durand Frères SARL,59100,,Paul,Durand,\r\n"))).Read<ImportSummary>();
        Assert.AreEqual((true, 2), (first.Committed, first.Contacts.Created), first.Message);

        // Line 2 gives Jean Martin (found by key) a new address; line 3 has his old one, which then names nobody: Paul
        // Durand, the only namesake and without an address, is that person.
        var summary = await (await manager.ImportBytes(Utf8(header
            + "Durand Frères SARL,59100,K-1,Jean,Martin,nouveau@durand-freres.fr\r\n"
            + "Durand Frères SARL,59100,,Paul,Durand,ancien@durand-freres.fr\r\n"))).Read<ImportSummary>();

        Assert.AreEqual((true, 0, 2), (summary.Committed, summary.Contacts.Created, summary.Contacts.Updated), summary.Message);
        Assert.AreEqual(("nouveau@durand-freres.fr", "ancien@durand-freres.fr"), App.WithDb(db =>
            (db.Contacts.Single(k => k.ExternalKey == "K-1").Email, db.Contacts.Single(k => k.LastName == "Durand").Email)));
        Assert.AreEqual(2, App.WithDb(db => db.Contacts.Count(k => k.Company!.Name == "Durand Frères SARL")));
    }
}

[TestClass] public sealed class BatchOnSqlite : BatchTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class BatchOnPostgreSql : BatchTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Import;
using OutlookCrm.Api.Sync;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

// The import writes new records by bulk copy (ImportInserts) and reads untracked on SQLite and PostgreSQL. The same
// scenario runs on two fresh APIs, one with Import:BulkInserts=false (EF Core's inserts and tracked reads, the path before):
// the databases must end with the same rows (every column but keys and clock times), the same search results, the same
// change markers (which records each import stamped, how far the counter moved) and the same sync feed.
public abstract class BulkInsertTests
{
    protected abstract Provider Provider { get; }

    private sealed record Snapshot(List<string> Summaries, List<string> Rows, List<string> Stamped, List<string> Feed, List<string> Searches,
        List<long> Counters);

    [TestMethod]
    public async Task BulkAndEfImportsLeaveTheSameRowsSearchResultsAndChangeMarkers()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        using var bulk = new CrmApp(Provider);
        using var ef = new CrmApp(Provider);
        ef.Settings["Import:BulkInserts"] = "false";
        var withBulk = await Scenario(bulk);
        var withEf = await Scenario(ef);

        CollectionAssert.AreEqual(withEf.Summaries, withBulk.Summaries, string.Join("\n", withBulk.Summaries));
        Assert.AreEqual(withEf.Rows.Count, withBulk.Rows.Count);
        for (var i = 0; i < withEf.Rows.Count; i++) Assert.AreEqual(withEf.Rows[i], withBulk.Rows[i], $"row {i}");
        CollectionAssert.AreEqual(withEf.Stamped, withBulk.Stamped, "the records each import stamped with a change number");
        CollectionAssert.AreEqual(withEf.Counters, withBulk.Counters, "the change counter after each step");
        CollectionAssert.AreEqual(withEf.Feed, withBulk.Feed, "the sync feed since before the imports");
        CollectionAssert.AreEqual(withEf.Searches, withBulk.Searches, "search results");

        // Not compared above (clock times, keys): set as EF sets them, and the keys taken from the tables' generators.
        bulk.WithDb(db =>
        {
            var now = DateTime.UtcNow.AddSeconds(1);
            Assert.IsTrue(db.Companies.AsNoTracking().AsEnumerable().All(c => c.CreatedAt >= started && c.CreatedAt <= now && c.UpdatedAt >= c.CreatedAt && c.UpdatedAt <= now));
            Assert.IsTrue(db.Contacts.AsNoTracking().AsEnumerable().All(k => k.CreatedAt >= started && k.UpdatedAt >= k.CreatedAt && k.UpdatedAt <= now));
            var seqs = db.Companies.Select(c => c.ChangeSeq).AsEnumerable().Concat(db.Contacts.Select(k => k.ChangeSeq).AsEnumerable()).ToList();
            Assert.AreEqual(seqs.Count, seqs.Distinct().Count(), "every change number is given once");
            Assert.IsTrue(seqs.Max() <= db.ChangeCounters.Single().Value);
            return 0;
        });
        // A record created through the API after the imports gets a key past theirs: the bulk write moved the key generators
        // on (PostgreSQL's sequences also keep the keys the rolled-back import took; SQLite's AUTOINCREMENT gives them back).
        var last = bulk.WithDb(db => (db.Companies.Max(c => c.Id), db.Contacts.Max(k => k.Id)));
        var rep = bulk.ClientFor(bulkTeam!.RepA);
        var company = await Post<CompanyDto>(rep, "/api/companies", new { name = "Après Import SARL", status = "Client" });
        var contact = await Post<ContactDto>(rep, "/api/contacts", new { companyId = company.Id, lastName = "Après", email = "apres@import.example" });
        Assert.IsTrue(company.Id > last.Item1 && contact.Id > last.Item2, $"{company.Id} {contact.Id} after {last}");
        if (Provider == Provider.Sqlite) Assert.AreEqual((last.Item1 + 1, last.Item2 + 1), (company.Id, contact.Id));
    }

    private SalesTeam? bulkTeam;

    private async Task<Snapshot> Scenario(CrmApp app)
    {
        app.CreateClient().Dispose();
        var team = SalesTeam.Create(app);
        bulkTeam ??= team;
        var (manager, rep) = (app.ClientFor(team.NorthManager), app.ClientFor(team.RepA));
        var snapshot = new Snapshot([], [], [], [], [], []);

        // What was there before: a company with a contact, another one that will get a note, a company with namesakes.
        var quentel = await Post<CompanyDto>(rep, "/api/companies", new { name = "Boulangerie Quentel", status = "Client", postalCode = "59000", city = "Lille" });
        await Post<ContactDto>(rep, "/api/contacts", new { companyId = quentel.Id, lastName = "Dupont", firstName = "Jean", email = "jean@quentel.example" });
        var kerlann = await Post<CompanyDto>(rep, "/api/companies", new { name = "Garage Kerlann", status = "Prospect", postalCode = "59100" });
        await Post<ContactDto>(rep, "/api/contacts", new { companyId = kerlann.Id, lastName = "Le Gall", firstName = "Yves", email = "yves@kerlann.example" });
        var counter = Counter(app);
        snapshot.Counters.Add(counter);

        const string header = "Company,Postal code,City,Account manager,First name,Last name,Job title,Email,Mobile,Last verified,Notes\r\n";
        var first = new StringBuilder(header)
            // A contact added to an existing company, an update of an existing contact, a note on an existing company.
            .Append("Boulangerie Quentel,59000,Lille,,Claire,Morvan,Vendeuse,claire@quentel.example,06 11 22 33 44,,\r\n")
            .Append("Boulangerie Quentel,59000,Lille,,Jean,Dupont,Gérant,jean@quentel.example,,2026-01-15,\r\n")
            .Append("Garage Kerlann,59100,,,,,,,,,Rappeler en mars\r\n")
            // New companies: an owner by sign-in address, namesakes with different addresses, a note, a person without company.
            .Append($"Menuiserie Abgrall,29200,Brest,{team.RepA.Upn},Marie,Martin,Acheteuse,marie.martin@abgrall.example,,,Devis en cours\r\n")
            .Append("Menuiserie Abgrall,29200,Brest,,Marie,Martin,Comptable,m.martin@abgrall.example,,,\r\n")
            .Append(",,,,Paul,Riou,,paul.riou@perso.example,06 99 88 77 66,,\r\n");
        // Enough lines for three batches: what one batch creates is found by the next.
        for (var i = 0; i < CsvImport.BatchSize * 2 + 100; i++)
            first.Append($"Lot {i} SAS,{59000 + i % 50},Roubaix,,Prénom{i},Nom{i},,lot{i}@lots.example,06 00 00 {i / 100 % 100:00} {i % 100:00},,{(i % 7 == 0 ? $"Note {i}" : "")}\r\n");
        first.Append("Lot 3 SAS,59003,Roubaix,,Nouvelle,Venue,,nouvelle@lots.example,,,Note ajoutée\r\n");
        await Import(manager, first.ToString(), snapshot, app, "");

        // Again with changes: a new mobile, a contact added to a company the first import created, a new note; the rest unchanged.
        var second = first.ToString().Replace("06 11 22 33 44", "06 55 66 77 88") + "Menuiserie Abgrall,29200,Brest,,Luc,Abgrall,Gérant,luc@abgrall.example,,,Visite faite\r\n";
        await Import(manager, second, snapshot, app, "");
        // A dry run writes nothing, and a file refused as a whole writes nothing either (all-or-nothing).
        await Import(manager, header + "Nouvelle SARL,75001,Paris,,Anne,Essai,,anne@essai.example,,,Note\r\n", snapshot, app, "&dryRun=true");
        var refused = header + string.Concat(Enumerable.Range(0, CsvImport.BatchSize + 10).Select(i => $"Refus {i} SAS,75001,Paris,,A,B{i},,refus{i}@refus.example,,,\r\n"))
            + "Refus SAS,75001,Paris,personne@nulle.part,,Z,,z@refus.example,,,\r\n";
        var response = await manager.ImportBytes(Encoding.UTF8.GetBytes(refused));
        snapshot.Summaries.Add($"{(int)response.StatusCode}");
        snapshot.Counters.Add(Counter(app));

        snapshot.Rows.AddRange(app.WithDb(Rows));
        // The worker's feed for the rep since before the imports, page by page (which change number each new record got
        // may differ between the two ways, so the pages cut elsewhere: what the feed carries in all is compared).
        var sync = app.SyncClientFor(team.RepA);
        var removed = 0;
        for (var cursor = counter; ;)
        {
            var page = await (await sync.GetAsync($"/api/sync/companies?cursor={cursor}&limit=500")).Read<ChangePage<SyncCompany>>();
            snapshot.Feed.AddRange(page.Upserts.Select(c => $"{c.Name}|{c.Status}|{c.AccountManagerName}|{c.City}|" +
                string.Join(",", c.Contacts.Select(k => $"{k.FirstName} {k.LastName} {k.Email} {k.Mobile} {k.JobTitle}")) + "|" +
                string.Join(",", c.LastNotes.Select(n => $"{n.AuthorName}:{n.Text}"))));
            removed += page.Removed.Count;
            if (!page.HasMore) break;
            cursor = page.Cursor;
        }
        snapshot.Feed.Sort(StringComparer.Ordinal);
        snapshot.Feed.Add($"removed {removed}");
        foreach (var q in new[] { "Abgrall", "lot12", "Quentel", "+33 6 00 00 01", "06 00 00 01", "Nom10", "claire@", "Riou", "Kerlann" })
        {
            var companies = await (await manager.GetAsync($"/api/companies?q={Uri.EscapeDataString(q)}&limit=100")).Read<Page<CompanyDto>>();
            var contacts = await (await manager.GetAsync($"/api/contacts?q={Uri.EscapeDataString(q)}&limit=100")).Read<Page<ContactDto>>();
            snapshot.Searches.Add($"{q}: {string.Join(",", companies.Items.Select(c => c.Name).Order())} / {string.Join(",", contacts.Items.Select(k => $"{k.LastName} {k.Email}").Order())}");
        }
        return snapshot;
    }

    private static async Task Import(HttpClient manager, string file, Snapshot snapshot, CrmApp app, string query)
    {
        var before = Counter(app);
        var summary = await (await manager.ImportBytes(Encoding.UTF8.GetBytes(file), query)).Read<ImportSummary>();
        snapshot.Summaries.Add($"{summary.Message} | changes: {string.Join("; ", summary.Changes.Select(c => $"{c.Line} {c.Record} {c.Text}"))}");
        var after = Counter(app);
        snapshot.Counters.Add(after);
        // Which records this step stamped: the sync worker's "changed since" for companies and contacts.
        snapshot.Stamped.Add(string.Join(",", app.WithDb(db =>
            db.Companies.Where(c => c.ChangeSeq > before && c.ChangeSeq <= after).Select(c => "company " + c.Name + " " + c.PostalCode)
                .AsEnumerable().Concat(db.Contacts.Where(k => k.ChangeSeq > before && k.ChangeSeq <= after)
                    .Select(k => "contact " + k.LastName + " " + k.Email).AsEnumerable()).Order().ToList())));
    }

    private static long Counter(CrmApp app) => app.WithDb(db => db.ChangeCounters.AsNoTracking().Single().Value);

    private static async Task<T> Post<T>(HttpClient client, string path, object body) =>
        await (await client.Post(path, body)).Read<T>(System.Net.HttpStatusCode.Created);

    // Every column of the three tables as the database returns it (text, numbers as stored), but keys, which company a
    // row belongs to told by its name, and clock times told only by their presence (a file's dates compared).
    private static List<string> Rows(CrmDbContext db)
    {
        var names = db.Companies.AsNoTracking().ToDictionary(c => c.Id, c => $"{c.Name}/{c.PostalCode}");
        var rows = new List<string>();
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        foreach (var table in new[] { "Companies", "Contacts", "Notes" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            var tableRows = new List<string>();
            while (reader.Read())
            {
                var cells = new List<string>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var column = reader.GetName(i);
                    if (column is "Id" or "ChangeSeq") continue;
                    var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                    if (column is "CreatedAt" or "UpdatedAt" && value != "∅") value = "set";
                    // A record created through the API is verified at that moment; a file's date is a day (midnight).
                    if (column is "LastVerifiedAt" && value != "∅" && !value.Contains("00:00:00", StringComparison.Ordinal)) value = "clock time";
                    if (column is "CompanyId" && value != "∅") value = names[long.Parse(value, CultureInfo.InvariantCulture)];
                    cells.Add($"{column}={value}");
                }
                tableRows.Add($"{table}: {string.Join(" | ", cells.Order())}");
            }
            rows.AddRange(tableRows.Order());
        }
        db.Database.CloseConnection();
        return rows;
    }
}

[TestClass] public sealed class BulkInsertOnSqlite : BulkInsertTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class BulkInsertOnPostgreSql : BulkInsertTests { protected override Provider Provider => Provider.PostgreSql; }

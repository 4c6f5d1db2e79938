using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Demo;
using OutlookCrm.Api.Lookup;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Faults;

// The scale data set is bulk-copied past EF: it must still read back through the API, obey the note rule
// and leave the change counter consistent, or every benchmark and sync run on it measures a broken CRM.
public abstract class GeneratedDataTests : ApiTest
{
    [TestMethod]
    public async Task BulkGeneratedDataReadsBackThroughTheApiAndKeepsTheChangeCounterConsistent()
    {
        var size = new DataGenerator.Size(Companies: 2 * DataGenerator.CompaniesPerBatch + 7, ContactsPerCompany: 2, ActivitiesPerCompany: 4,
            NotesPerCompany: 2, Reps: 3, Territories: 2);
        var before = App.WithDb(db => db.Companies.Count());
        using (var scope = App.Services.CreateScope())
            await DataGenerator.RunAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), size, NullLogger.Instance);

        var (companies, contacts, activities, seqs, counter, doneWithoutNote, rep, email) = App.WithDb(db =>
        {
            var seqs = db.Companies.Select(c => c.ChangeSeq).Concat(db.Contacts.Select(k => k.ChangeSeq)).Concat(db.Activities.Select(a => a.ChangeSeq)).ToList();
            var sample = db.Contacts.AsNoTracking().OrderByDescending(k => k.Id).Select(k => new { k.Email, k.Company!.AccountManager }).First();
            return (db.Companies.Count() - before, db.Contacts.Count(), db.Activities.Count(), seqs, db.ChangeCounters.Single().Value,
                db.Activities.Count(a => a.Status == ActivityStatus.Done && !db.Notes.Any(n => n.ActivityId == a.Id)), sample.AccountManager!, sample.Email!);
        });
        Assert.AreEqual(size.Companies, companies);
        Assert.AreEqual(size.Companies * size.ContactsPerCompany, contacts);
        Assert.AreEqual(size.Companies * size.ActivitiesPerCompany, activities);
        Assert.AreEqual(0, doneWithoutNote, "no generated activity is done without its note");
        Assert.AreEqual(seqs.Count, seqs.Distinct().Count(), "every generated row has its own change number");
        Assert.AreEqual(counter, seqs.Max(), "the counter stands at the last number handed out");

        // A write through the API after generation numbers after every generated row: the sync cursor misses nothing.
        var created = await NewCompany(As(Team.RepA), "After the generator");
        Assert.IsTrue(App.WithDb(db => db.Companies.Single(c => c.Id == created.Id).ChangeSeq) > seqs.Max());

        var cards = await (await App.ClientFor(rep).GetAsync($"/api/lookup?email={email}")).Read<List<LookupCard>>();
        Assert.AreEqual(email, cards.Single().Contact.Email, "the generated contact is found by its rep, with its company's card");
        Assert.IsTrue(cards.Single().LastNotes.Count > 0 && cards.Single().LastActivity is not null);
    }
}

[TestClass] public sealed class GeneratedDataOnSqlite : GeneratedDataTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class GeneratedDataOnPostgreSql : GeneratedDataTests { protected override Provider Provider => Provider.PostgreSql; }

using System.Net;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Notes;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Faults;

// Truly concurrent editors of one record, each doing what the add-in does on a 412: reload, reapply, resend.
public abstract class ConcurrentEditorsTests : ApiTest
{
    private const int Editors = 8;

    [TestMethod]
    public async Task EditorsRacingOnOneCompanyEachKeepTheirChangeAfterRetrying()
    {
        var company = await NewCompany(As(Team.RepA), "Race");
        var gate = new TaskCompletionSource();
        var conflicts = 0;
        var editors = Enumerable.Range(1, Editors).Select(editor => Task.Run(async () =>
        {
            var client = As(editor % 2 == 0 ? Team.RepA : Team.NorthManager);
            await gate.Task;
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var read = await client.GetAsync($"/api/companies/{company.Id}");
                var current = await read.Read<CompanyDto>();
                var write = await client.Patch($"/api/companies/{company.Id}", new { name = $"{current.Name} +{editor}" }, read.ETag());
                if (write.StatusCode == HttpStatusCode.OK) return;
                await write.AssertProblem(HttpStatusCode.PreconditionFailed);
                Interlocked.Increment(ref conflicts);
            }
            Assert.Fail($"editor {editor} never got its change in");
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(editors);

        var final = await (await As(Team.RepA).GetAsync($"/api/companies/{company.Id}")).Read<CompanyDto>();
        Console.WriteLine($"{final.Name} (version {final.Version}) after {conflicts} refused stale writes");
        var edits = final.Name.Split(" +").Skip(1).Select(int.Parse).Order().ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, Editors).ToArray(), edits, "every editor's change is in the final record, exactly once");
        Assert.AreEqual(company.Version + Editors, final.Version, "one version per accepted write");
    }

    [TestMethod]
    public async Task NotesWrittenAtTheSameTimeOnOneCompanyAreAllKept()
    {
        var company = await NewCompany(As(Team.RepA), "Notes race");
        var gate = new TaskCompletionSource();
        var writers = Enumerable.Range(1, Editors).Select(n => Task.Run(async () =>
        {
            var client = As(n % 2 == 0 ? Team.RepA : Team.NorthManager);
            await gate.Task;
            return await (await client.Post("/api/notes", new { companyId = company.Id, text = $"note {n}" })).Read<NoteDto>(HttpStatusCode.Created);
        })).ToList();
        gate.SetResult();
        var written = await Task.WhenAll(writers);

        var stored = await (await As(Team.RepA).GetAsync($"/api/notes?companyId={company.Id}&limit=50")).Read<Http.Page<NoteDto>>();
        CollectionAssert.AreEquivalent(written.Select(n => n.Id).ToArray(), stored.Items.Select(n => n.Id).ToArray());
    }
}

[TestClass] public sealed class ConcurrentEditorsOnSqlite : ConcurrentEditorsTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class ConcurrentEditorsOnPostgreSql : ConcurrentEditorsTests { protected override Provider Provider => Provider.PostgreSql; }

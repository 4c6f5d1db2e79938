using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Demo;

// `generate` verb: fills a database with a large, realistic data set for scale tests and benchmarks
// (defaults: 200,000 companies, 5 contacts, 25 activities and 10 notes each; 300 reps in 20 territories).
// Rows go in by bulk copy, one transaction per batch of companies, each stamped from the change counter.
public static class DataGenerator
{
    public sealed record Size(int Companies = 200_000, int ContactsPerCompany = 5, int ActivitiesPerCompany = 25, int NotesPerCompany = 10,
        int Reps = 300, int Territories = 20);

    public const int CompaniesPerBatch = 2_000;

    public static Size Parse(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v >= 0 ? v : fallback;
        }
        var d = new Size();
        return new Size(Arg("companies", d.Companies), Arg("contacts-per-company", d.ContactsPerCompany),
            Arg("activities-per-company", d.ActivitiesPerCompany), Arg("notes-per-company", d.NotesPerCompany),
            Math.Max(1, Arg("reps", d.Reps)), Math.Max(1, Arg("territories", d.Territories)));
    }

    public static async Task RunAsync(CrmDbContext db, Size size, ILogger log)
    {
        var clock = Stopwatch.StartNew();
        var runId = (DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond % 1_000_000).ToString();
        var now = DateTime.UtcNow;
        var (reps, territoryOfRep) = await AddSalesForce(db, size, runId);
        var lastDealBefore = await db.Deals.MaxAsync(d => (long?)d.Id) ?? 0;
        var lastCompanyBefore = await db.Companies.MaxAsync(c => (long?)c.Id) ?? 0;
        var stages = (await db.PipelineStages.AsNoTracking().OrderBy(s => s.Order).Select(s => new { s.Id, s.Kind }).ToListAsync())
            .Select(s => (s.Id, s.Kind)).ToArray();
        var rows = new GeneratedRows(now, reps, territoryOfRep, stages);
        log.LogInformation("Generating {Companies} companies for {Reps} reps in {Territories} territories (run {RunId}), {Batch} companies per transaction.",
            size.Companies, size.Reps, size.Territories, runId, CompaniesPerBatch);

        await using var writer = await BulkWriter.OpenAsync(db);
        long total = 0;
        var lastLog = clock.Elapsed;
        for (var done = 0; done < size.Companies; done += CompaniesPerBatch)
        {
            var n = Math.Min(CompaniesPerBatch, size.Companies - done);
            total += await WriteBatch(writer, rows, size, done, n, runId);
            var finished = done + n;
            if (clock.Elapsed - lastLog > TimeSpan.FromSeconds(5) || finished == size.Companies)
            {
                lastLog = clock.Elapsed;
                log.LogInformation("Generated {Done}/{Total} companies ({Percent:P0}), {Rows:N0} rows in {Elapsed:hh\\:mm\\:ss}: {Rate:N0} rows/s",
                    finished, size.Companies, (double)finished / size.Companies, total, clock.Elapsed, total / clock.Elapsed.TotalSeconds);
            }
        }
        var (quotes, orders) = await GeneratedSales.AddAsync(db, lastCompanyBefore, lastDealBefore, runId, territoryOfRep.Values.Distinct().ToList(), now);
        log.LogInformation("Generated {Quotes} quotes for the deals at or past the quote stage and {Orders} orders (accepted quotes and ERP).", quotes, orders);
        if (db.Database.IsNpgsql())
        {
            // After a bulk load, as PostgreSQL advises: the search indexes' rows wait in each GIN index's pending list
            // until a vacuum, and a trigram search reads that list row by row (45 ms per search at 1M contacts, seconds
            // under load, against 0.1 ms after); ANALYZE gives the planner the expression statistics of the new rows.
            // https://www.postgresql.org/docs/15/gin-tips.html, https://www.postgresql.org/docs/15/populate.html#POPULATE-ANALYZE
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
            log.LogInformation("Vacuumed and analysed after the load.");
        }
        log.LogInformation("Generated {Companies} companies, {Contacts} contacts, {Activities} activities, {Notes} notes for {Reps} reps: " +
            "{Rows:N0} rows in {Elapsed:hh\\:mm\\:ss} ({Rate:N0} rows/s). Contact addresses look like {Example}.",
            size.Companies, (long)size.Companies * size.ContactsPerCompany, (long)size.Companies * size.ActivitiesPerCompany,
            (long)size.Companies * size.NotesPerCompany, size.Reps, total, clock.Elapsed, total / clock.Elapsed.TotalSeconds,
            GeneratedRows.Email(0, 0, runId));
    }

    private static async Task<long> WriteBatch(BulkWriter writer, GeneratedRows rows, Size size, int first, int n, string runId)
    {
        var (contacts, activities, notes) = (size.ContactsPerCompany, size.ActivitiesPerCompany, size.NotesPerCompany);
        await writer.BeginAsync();
        var seq = await writer.ReserveChangeSeqAsync(n * (1 + contacts + activities));
        var companyIds = await writer.ReserveIdsAsync("Companies", n);
        var activityIds = activities > 0 ? await writer.ReserveIdsAsync("Activities", n * activities) : [];
        var withDeal = Enumerable.Range(0, n).Where(j => (first + j) % 3 == 0).ToArray();
        var dealIds = withDeal.Length > 0 ? await writer.ReserveIdsAsync("Deals", withDeal.Length) : [];

        await writer.WriteAsync(GeneratedRows.Companies, Enumerable.Range(0, n).Select(j => rows.Company(companyIds[j], first + j, seq + j, runId)));
        var contactSeq = seq + n;
        await writer.WriteAsync(GeneratedRows.Contacts, Enumerable.Range(0, n * contacts).Select(x =>
            rows.Contact(companyIds[x / contacts], first + x / contacts, x % contacts, contactSeq + x, runId)));
        var activitySeq = contactSeq + (long)n * contacts;
        await writer.WriteAsync(GeneratedRows.Activities, Enumerable.Range(0, n * activities).Select(x =>
            rows.Activity(activityIds[x], companyIds[x / activities], first + x / activities, x % activities, notes, activitySeq + x)));
        // Note k of a company is the note of its k-th activity (the done ones); further notes are about the company.
        await writer.WriteAsync(GeneratedRows.Notes, Enumerable.Range(0, n * notes).Select(x =>
        {
            var (j, k) = (x / notes, x % notes);
            var onActivity = k < activities;
            return rows.Note(companyIds[j], onActivity ? activityIds[j * activities + k] : null, first + j, k,
                onActivity ? rows.ActivityShape(first + j, k, notes).Start : null);
        }));
        var deals = withDeal.Select((j, d) => rows.Deal(dealIds[d], companyIds[j], first + j)).ToList();
        await writer.WriteAsync(GeneratedRows.Deals, deals.Select(d => d.Deal));
        await writer.WriteAsync(GeneratedRows.StageChanges, deals.Select(d => d.Change));
        await writer.CommitAsync();
        return n * (1L + contacts + activities + notes) + 2L * deals.Count;
    }

    // Reps spread over the territories, plus one manager per territory (the reports' audience).
    private static async Task<(int[] Reps, Dictionary<int, int> TerritoryOfRep)> AddSalesForce(CrmDbContext db, Size size, string runId)
    {
        var territories = Enumerable.Range(1, size.Territories).Select(i => new Territory { Name = $"Territory {runId}-{i}" }).ToList();
        db.Territories.AddRange(territories);
        await db.SaveChangesAsync();
        User Person(string kind, int i, UserRole role, Territory t) => new()
        {
            DisplayName = $"{kind} {runId}-{i}", Upn = $"{kind.ToLowerInvariant()}{runId}-{i}@scale.example",
            EntraObjectId = $"scale-{kind.ToLowerInvariant()}-{runId}-{i}", Role = role, TerritoryId = t.Id,
        };
        var reps = Enumerable.Range(1, size.Reps).Select(i => Person("Rep", i, UserRole.Rep, territories[i % territories.Count])).ToList();
        db.Users.AddRange(reps);
        db.Users.AddRange(territories.Select((t, i) => Person("Manager", i + 1, UserRole.Manager, t)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return (reps.Select(r => r.Id).ToArray(), reps.ToDictionary(r => r.Id, r => r.TerritoryId!.Value));
    }
}

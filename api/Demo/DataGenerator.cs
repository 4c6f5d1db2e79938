using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Demo;

// `generate` verb: fills a database with a large, realistic data set for scale tests and benchmarks
// (defaults: 200,000 companies, 5 contacts, 25 activities and 10 notes each; 300 reps in 20 territories).
public static class DataGenerator
{
    public sealed record Size(int Companies = 200_000, int ContactsPerCompany = 5, int ActivitiesPerCompany = 25, int NotesPerCompany = 10,
        int Reps = 300, int Territories = 20);

    public static Size Parse(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v >= 0 ? v : fallback;
        }
        var d = new Size();
        return new Size(Arg("companies", d.Companies), Arg("contacts-per-company", d.ContactsPerCompany),
            Arg("activities-per-company", d.ActivitiesPerCompany), Arg("notes-per-company", d.NotesPerCompany), Arg("reps", d.Reps), Arg("territories", d.Territories));
    }

    public static async Task RunAsync(CrmDbContext db, Size size, ILogger log)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var clock = Stopwatch.StartNew();
        var runId = DateTime.UtcNow.Ticks % 1_000_000;
        var territories = Enumerable.Range(1, size.Territories).Select(i => new Territory { Name = $"Territory {runId}-{i}" }).ToList();
        db.Territories.AddRange(territories);
        await db.SaveChangesAsync();
        var reps = Enumerable.Range(1, size.Reps).Select(i => new User
        {
            DisplayName = $"Rep {runId}-{i}", Upn = $"rep{runId}-{i}@scale.example", EntraObjectId = $"scale-{runId}-{i}",
            Role = UserRole.Rep, TerritoryId = territories[i % territories.Count].Id,
        }).ToList();
        db.Users.AddRange(reps);
        await db.SaveChangesAsync();
        var stages = await db.PipelineStages.Select(s => s.Id).ToListAsync();

        var rng = new Random(7);
        var now = DateTime.UtcNow;
        const int batch = 500;
        for (var done = 0; done < size.Companies; done += batch)
        {
            var companies = new List<Company>();
            for (var i = done; i < Math.Min(done + batch, size.Companies); i++)
            {
                var rep = reps[i % reps.Count];
                var c = new Company
                {
                    Name = $"Company {runId}-{i}", Status = (CompanyStatus)(i % 5), Category = (CustomerCategory)(i % 3), AccountManagerId = rep.Id,
                    TerritoryId = rep.TerritoryId, PostalCode = $"{10000 + i % 80000}", City = "Ville", Phone = $"+33 1 {i:D8}",
                    SalesYearToDate = i % 1000 * 100, SalesLastYear = i % 700 * 150, CreatedAt = now, LastVerifiedAt = now.AddDays(-(i % 700)), Version = 1,
                };
                for (var k = 0; k < size.ContactsPerCompany; k++)
                    c.Contacts.Add(new Contact { LastName = $"Contact{k}", FirstName = "Scale", Email = $"c{k}.{i}.{runId}@scale.example",
                        CreatedAt = now, Version = 1 });
                for (var a = 0; a < size.ActivitiesPerCompany; a++)
                {
                    var start = now.AddHours(-rng.Next(1, 2 * 365 * 24));
                    c.Activities.Add(new Activity { Type = (ActivityType)(a % 5), Subject = "Visit", StartUtc = start, EndUtc = start.AddHours(1),
                        TimeZone = "Europe/Paris", OwnerId = rep.Id, Status = ActivityStatus.Done, CreatedAt = start, ClosedAt = start, Version = 1 });
                }
                for (var n = 0; n < size.NotesPerCompany; n++)
                    c.Notes.Add(new Note { Text = $"Note {n} about company {i}", AuthorId = rep.Id, CreatedAt = now.AddDays(-n), Version = 1 });
                if (i % 3 == 0)
                    c.Deals.Add(new Deal { Title = "Deal", Amount = 1000 * (i % 50), StageId = stages[i % stages.Count], StageEnteredAt = now.AddDays(-(i % 90)),
                        OwnerId = rep.Id, CreatedAt = now, UpdatedAt = now, Version = 1 });
                companies.Add(c);
            }
            db.Companies.AddRange(companies);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var total = Math.Min(done + batch, size.Companies);
            if (total % 5000 == 0 || total == size.Companies)
                log.LogInformation("Generated {Done}/{Total} companies ({Percent:P0}) in {Elapsed:g}", total, size.Companies, (double)total / size.Companies, clock.Elapsed);
        }
        log.LogInformation("Generated {Companies} companies, {Contacts} contacts, {Activities} activities, {Notes} notes for {Reps} reps in {Elapsed:g}.",
            size.Companies, size.Companies * size.ContactsPerCompany, size.Companies * size.ActivitiesPerCompany, size.Companies * size.NotesPerCompany,
            size.Reps, clock.Elapsed);
    }
}

namespace OutlookCrm.Api.Demo;

// Realistic demo data for the embedded run: a manager, four reps in two territories, ~60 companies,
// ~180 contacts, two years of activities and notes, deals in every stage, objectives. Deterministic.
public static partial class DemoData
{
    public const string DemoContactEmail = "marie.dubois@menuiserie-dubois.fr";

    public static async Task SeedAsync(CrmDbContext db, ILogger log)
    {
        if (await db.Users.AnyAsync())
        {
            log.LogInformation("Demo data already present.");
            return;
        }
        var rng = new Random(20261122);
        var now = DateTime.UtcNow;
        var idf = new Territory { Name = "Île-de-France" };
        var ara = new Territory { Name = "Auvergne-Rhône-Alpes" };
        db.Territories.AddRange(idf, ara);
        var manager = NewUser("Sophie Laurent", "sophie.laurent", UserRole.Manager, null);
        var reps = new[]
        {
            NewUser("Julien Moreau", "julien.moreau", UserRole.Rep, idf), NewUser("Camille Petit", "camille.petit", UserRole.Rep, idf),
            NewUser("Thomas Girard", "thomas.girard", UserRole.Rep, ara), NewUser("Léa Fontaine", "lea.fontaine", UserRole.Rep, ara),
        };
        var admin = NewUser("Admin CRM", "admin", UserRole.Admin, null);
        db.Users.AddRange([manager, .. reps, admin]);
        var families = Families.Select(n => new ProductFamily { Name = n }).ToList();
        db.ProductFamilies.AddRange(families);
        await db.SaveChangesAsync();

        var stages = await db.PipelineStages.OrderBy(s => s.Order).ToListAsync();
        var companies = Companies(rng, reps, families, now);
        db.Companies.AddRange(companies);
        await db.SaveChangesAsync();

        var activities = 0;
        var deals = 0;
        foreach (var company in companies)
        {
            var owner = reps.First(r => r.Id == company.AccountManagerId);
            deals += AddDeals(db, rng, company, owner, stages, families, now);
            await db.SaveChangesAsync();
            activities += AddActivities(db, rng, company, owner, now);
            await db.SaveChangesAsync();
        }
        AddObjectives(db, reps, [idf, ara], now);
        await db.SaveChangesAsync();
        await AddReportHistoryAsync(db, rng, reps, stages, now);
        await AddSalesCycleAsync(db, rng, reps, [idf, ara], now);
        log.LogInformation("Demo data: {Companies} companies, {Contacts} contacts, {Activities} activities, {Deals} deals. " +
            "Sign in as a demo user from the task pane or POST /dev/token; try the contact {Email}.",
            companies.Count, companies.Sum(c => c.Contacts.Count), activities, deals, DemoContactEmail);
    }

    private static User NewUser(string name, string login, UserRole role, Territory? territory) => new()
    {
        DisplayName = name, Upn = $"{login}@contoso-demo.fr", EntraObjectId = $"demo-{login}", Role = role, Territory = territory,
    };

    private static void AddObjectives(CrmDbContext db, User[] reps, Territory[] territories, DateTime now)
    {
        foreach (var year in new[] { now.Year - 1, now.Year })
        {
            var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            foreach (var (rep, i) in reps.Select((r, i) => (r, i)))
                db.Objectives.Add(new Objective { UserId = rep.Id, PeriodStart = start, PeriodEnd = end, RevenueTarget = 400_000 + 50_000 * i, VisitsTarget = 180 });
            foreach (var t in territories)
                db.Objectives.Add(new Objective { TerritoryId = t.Id, PeriodStart = start, PeriodEnd = end, RevenueTarget = 900_000, VisitsTarget = 360 });
        }
    }
}

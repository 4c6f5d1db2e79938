namespace OutlookCrm.Api.Demo;

public static partial class DemoData
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly string[] VisitNotes = ["Visite de l'atelier, besoin de renouveler deux machines.", "Rencontre avec le gérant : satisfait du dernier chantier.",
        "Présentation de la nouvelle gamme ; demande un devis.", "Point sur les impayés, paiement promis fin de mois.", "Client intéressé par une formation pour deux salariés.",
        "Pas de projet avant l'an prochain, rappeler en janvier.", "Concurrent présent sur le dossier, prix à revoir."];

    // Two years of history, denser for clients; every done activity carries its note (the rule holds in demo data too).
    private static int AddActivities(CrmDbContext db, Random rng, Company company, User owner, DateTime now)
    {
        var count = company.Status switch { CompanyStatus.Client => 18, CompanyStatus.Prospect => 10, CompanyStatus.Suspect => 3, _ => 5 } + rng.Next(6);
        var contacts = company.Contacts;
        for (var i = 0; i < count; i++)
        {
            var future = i < 2 && company.Status is CompanyStatus.Client or CompanyStatus.Prospect;
            var day = future ? DateTime.Today.AddDays(1 + rng.Next(20)) : DateTime.Today.AddDays(-rng.Next(1, 730));
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(2);
            var type = (ActivityType)(rng.Next(10) switch { < 4 => 0, < 7 => 1, < 8 => 2, < 9 => 3, _ => 4 });
            var local = day.AddHours(8 + rng.Next(9)).AddMinutes(rng.Next(2) * 30);
            var start = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Paris);
            var minutes = type switch { ActivityType.Visit => 60 + 30 * rng.Next(3), ActivityType.Call => 15, ActivityType.Meeting => 90, _ => 30 };
            var activity = new Activity
            {
                Type = type, Subject = $"{Label(type)} {company.Name}", StartUtc = start,
                // Tasks and some calls have no end time; reports must cope.
                EndUtc = type == ActivityType.Task ? null : start.AddMinutes(minutes), TimeZone = "Europe/Paris",
                CompanyId = company.Id, OwnerId = owner.Id, Status = future ? ActivityStatus.Planned : ActivityStatus.Done,
                Location = type == ActivityType.Visit ? $"{company.Street}, {company.City}" : null,
                CreatedAt = start.AddDays(-3), ClosedAt = future ? null : start.AddHours(2), Version = 1,
            };
            if (contacts.Count > 0) activity.Contacts.Add(new ActivityContact { ContactId = contacts[rng.Next(contacts.Count)].Id });
            db.Activities.Add(activity);
            if (!future)
                db.Notes.Add(new Note { Company = company, Activity = activity, AuthorId = owner.Id, CreatedAt = start.AddHours(2),
                    Text = VisitNotes[rng.Next(VisitNotes.Length)], Version = 1 });
        }
        return count;
    }

    private static int AddDeals(CrmDbContext db, Random rng, Company company, User owner, List<PipelineStage> stages, List<ProductFamily> families, DateTime now)
    {
        var count = company.Status is CompanyStatus.Client or CompanyStatus.Prospect ? 1 + rng.Next(3) : 0;
        for (var i = 0; i < count; i++)
        {
            var target = stages[rng.Next(stages.Count)];
            var created = now.AddDays(-rng.Next(20, 700));
            var deal = new Deal
            {
                CompanyId = company.Id, Title = $"{families[rng.Next(families.Count)].Name} – {company.Name}", Amount = rng.Next(2, 80) * 1000m,
                ProductFamilyId = families[rng.Next(families.Count)].Id, OwnerId = owner.Id, CreatedAt = created, UpdatedAt = created,
                ExpectedClose = DateOnly.FromDateTime(created.AddDays(90)), Version = 1, StageId = stages[0].Id, StageEnteredAt = created,
            };
            // Walk the pipeline up to the target stage, sometimes skipping one, so history and conversion figures are real.
            var path = stages.Where(s => s.Kind == StageKind.Open && s.Order <= target.Order && (s.Order == 1 || rng.Next(4) > 0)).ToList();
            if (target.Kind != StageKind.Open) path.Add(target);
            var at = created;
            int? from = null;
            foreach (var stage in path)
            {
                deal.History.Add(new DealStageChange { FromStageId = from, ToStageId = stage.Id, ChangedAt = at, ChangedById = owner.Id });
                (deal.StageId, deal.StageEnteredAt, from) = (stage.Id, at, stage.Id);
                at = at.AddDays(rng.Next(3, 40));
                if (at > now) at = now.AddHours(-1);
            }
            deal.ClosedAt = target.Kind == StageKind.Open ? null : deal.StageEnteredAt;
            db.Deals.Add(deal);
        }
        return count;
    }

    private static string Label(ActivityType type) => type switch
    {
        ActivityType.Visit => "Visite", ActivityType.Call => "Appel", ActivityType.Meeting => "Réunion", ActivityType.Email => "E-mail", _ => "Relance",
    };
}

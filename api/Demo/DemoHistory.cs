namespace OutlookCrm.Api.Demo;

public static partial class DemoData
{
    // So every sheet of the managers' workbook shows plausible figures: deals signed through the pipeline in
    // both years (revenue against objectives, hours per signature) and a few clients left alone since last year.
    private static async Task AddReportHistoryAsync(CrmDbContext db, Random rng, User[] reps, List<PipelineStage> stages, DateTime now)
    {
        var won = stages.First(s => s.Kind == StageKind.Won);
        var path = stages.Where(s => s.Kind == StageKind.Open).OrderBy(s => s.Order).Where((s, i) => i % 2 == 0).Append(won).ToList();
        var yearStart = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var rep in reps)
        {
            var clients = await db.Companies.Where(c => c.AccountManagerId == rep.Id && c.Status == CompanyStatus.Client)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync();
            if (clients.Count == 0) continue;
            foreach (var closed in new[] { yearStart.AddYears(-1), yearStart }.SelectMany(y =>
                Enumerable.Range(0, 5).Select(_ => y.AddDays(rng.Next(Math.Max(1, Math.Min(360, (int)(now - y).TotalDays - 1)))).AddHours(9))))
            {
                var client = clients[rng.Next(clients.Count)];
                var created = closed.AddDays(-rng.Next(40, 120));
                var deal = new Deal
                {
                    CompanyId = client.Id, Title = $"Renouvellement – {client.Name}", Amount = rng.Next(15, 70) * 1000m, OwnerId = rep.Id,
                    CreatedAt = created, UpdatedAt = closed, ClosedAt = closed, StageId = won.Id, StageEnteredAt = closed, Version = 1,
                    ExpectedClose = DateOnly.FromDateTime(closed),
                };
                int? from = null;
                for (var i = 0; i < path.Count; i++)
                {
                    var at = i == path.Count - 1 ? closed : created.AddDays((closed - created).TotalDays * i / (path.Count - 1));
                    deal.History.Add(new DealStageChange { FromStageId = from, ToStageId = path[i].Id, ChangedAt = at, ChangedById = rep.Id });
                    from = path[i].Id;
                }
                db.Deals.Add(deal);
            }
        }
        await db.SaveChangesAsync();

        // One client in eight not seen this year: its done activities of this year happened a year earlier.
        var dormant = await db.Companies.Where(c => c.Status == CompanyStatus.Client).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        dormant = dormant.Where((_, i) => i % 8 == 3).ToList();
        var moved = await db.Activities.Where(a => dormant.Contains(a.CompanyId) && a.StartUtc >= yearStart && a.StartUtc < now).ToListAsync();
        foreach (var a in moved)
        {
            (a.StartUtc, a.EndUtc, a.CreatedAt) = (a.StartUtc.AddYears(-1), a.EndUtc?.AddYears(-1), a.CreatedAt.AddYears(-1));
            a.ClosedAt = a.ClosedAt?.AddYears(-1);
        }
        var movedIds = moved.Select(a => (long?)a.Id).ToList();
        foreach (var n in await db.Notes.Where(n => movedIds.Contains(n.ActivityId)).ToListAsync()) n.CreatedAt = n.CreatedAt.AddYears(-1);
        await db.SaveChangesAsync();
    }
}

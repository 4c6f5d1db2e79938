namespace OutlookCrm.Api.Data;

// The pipeline a new installation starts with; each company can then rename or redefine stages.
public static class DefaultStages
{
    public static readonly PipelineStage[] All =
    [
        new() { Name = "To follow", Order = 1, WinProbability = 5, MaxDaysInStage = 60, Kind = StageKind.Open,
            Definition = "A need is suspected but not confirmed; keep in touch." },
        new() { Name = "Cold", Order = 2, WinProbability = 10, MaxDaysInStage = 90, Kind = StageKind.Open,
            Definition = "Need confirmed but no budget or timing yet." },
        new() { Name = "Hot", Order = 3, WinProbability = 30, MaxDaysInStage = 30, Kind = StageKind.Open,
            Definition = "Need, budget and decision-maker known; a decision is expected within 3 months." },
        new() { Name = "Proposal requested", Order = 4, WinProbability = 40, MaxDaysInStage = 15, Kind = StageKind.Open,
            Definition = "The customer asked for a written proposal." },
        new() { Name = "Quote sent", Order = 5, WinProbability = 50, MaxDaysInStage = 30, Kind = StageKind.Open,
            Definition = "A priced quote was sent to the decision-maker." },
        new() { Name = "Negotiation", Order = 6, WinProbability = 70, MaxDaysInStage = 30, Kind = StageKind.Open,
            Definition = "Terms, price or delivery are being negotiated." },
        new() { Name = "Verbal agreement", Order = 7, WinProbability = 90, MaxDaysInStage = 15, Kind = StageKind.Open,
            Definition = "The customer said yes; the order is not signed yet." },
        new() { Name = "Won", Order = 8, WinProbability = 100, Kind = StageKind.Won,
            Definition = "Order signed." },
        new() { Name = "Lost", Order = 9, WinProbability = 0, Kind = StageKind.Lost,
            Definition = "The customer chose a competitor or dropped the project; note why." },
    ];

    public static async Task EnsureAsync(CrmDbContext db)
    {
        if (!await db.PipelineStages.AnyAsync())
        {
            db.PipelineStages.AddRange(All.Select(s => new PipelineStage
            {
                Name = s.Name, Definition = s.Definition, Order = s.Order, WinProbability = s.WinProbability,
                MaxDaysInStage = s.MaxDaysInStage, Kind = s.Kind,
            }));
            await db.SaveChangesAsync();
        }
        await Reference.StageTexts.SeedFrenchAsync(db);
    }
}

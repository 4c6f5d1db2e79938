using OutlookCrm.Api.Alerts;

namespace OutlookCrm.Api.Lookup;

// A company's card lists from its CardItem rows, each in the order its branch of the statement kept (the rows of a
// UNION ALL come in no order of their own).
internal static class CardLists
{
    public static List<LookupNote> Notes(List<CardItem> items) =>
        items.Where(i => i.Part == CardPart.Note).OrderByDescending(i => i.At).ThenByDescending(i => i.Id)
            .Select(i => new LookupNote(i.Id, i.At!.Value, i.Name!, i.Text!, i.ActivityId, i.DealId, i.HasAudio)).ToList();

    // Mails newest first; last and next are one row each at most.
    public static List<LookupActivity> Activities(List<CardItem> items, CardPart part) =>
        items.Where(i => i.Part == part).OrderByDescending(i => i.At).ThenByDescending(i => i.Id)
            .Select(i => new LookupActivity(i.Id, i.Type!.Value, i.Text!, i.At!.Value, i.EndUtc, i.Status!.Value)).ToList();

    public static List<LookupDeal> Deals(List<CardItem> items, Reference.StageTranslations stageTexts, string language) =>
        items.Where(i => i.Part == CardPart.Deal).OrderBy(i => i.Id)
            .Select(i => new LookupDeal(i.Id, i.Text!, i.Amount!.Value, i.StageId!.Value, stageTexts.Name(i.Name!, language), i.At!.Value, i.Day,
                i.Version!.Value)).ToList();

    // In the order /api/alerts lists them: by owner, then the longest in its stage first.
    public static List<OpenDeal> OpenDeals(List<CardItem> items, string company) =>
        items.Where(i => i.Part == CardPart.Deal)
            .Select(i => new OpenDeal(i.Id, i.Text!, i.Amount!.Value, i.CompanyId, company, i.OwnerId!.Value, i.OwnerName!, i.Name!,
                i.MaxDaysInStage, i.At!.Value, i.CreatedAt!.Value, i.LastContact))
            .OrderBy(d => d.Owner, StringComparer.Ordinal).ThenBy(d => d.StageEnteredAt).ThenBy(d => d.Id).ToList();

    public static List<LookupFollowUp> FollowUps(List<CardItem> items, DateOnly today) =>
        items.Where(i => i.Part == CardPart.FollowUp).OrderBy(i => i.Day).ThenBy(i => i.Id)
            .Select(i => new LookupFollowUp(i.Id, i.Day!.Value, i.Text!, i.DealId, i.OwnerId!.Value, i.Name!, i.Day!.Value < today, i.Version!.Value))
            .ToList();
}

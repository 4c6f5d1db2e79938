namespace OutlookCrm.Api.Data;

// A stage's name and definition in one language other than the base text the stage row holds (English);
// data an administrator rewrites (PUT /api/stages/{id}/texts/{language}).
public sealed class StageText
{
    public int StageId { get; set; }
    public required string Language { get; set; }
    public required string Name { get; set; }
    public required string Definition { get; set; }
}

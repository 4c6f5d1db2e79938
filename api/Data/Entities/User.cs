namespace OutlookCrm.Api.Data;

public sealed class Territory
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

public sealed class User
{
    public int Id { get; set; }
    public required string DisplayName { get; set; }
    public required string Upn { get; set; }
    // Entra ID object id ("oid" claim): how a token is matched to a CRM user.
    public string? EntraObjectId { get; set; }
    public UserRole Role { get; set; }
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public bool IsActive { get; set; } = true;
}

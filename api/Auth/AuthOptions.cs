using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string DevIssuer = "outlookcrm-dev";

    // Entra ID: https://login.microsoftonline.com/{TenantId}/v2.0 unless Authority is given.
    public string? TenantId { get; set; }
    public string? Authority { get; set; }
    [Required] public string Audience { get; set; } = "api://outlookcrm";
    // App role carried by the sync worker's client-credentials token.
    [Required] public string SyncAppRole { get; set; } = "Crm.Sync";
    // Local development sign-in: tokens signed with this key instead of Entra ID. Never in Production.
    public bool DevSignIn { get; set; }
    public string? DevSigningKey { get; set; }
}

public sealed class VisibilityOptions
{
    public const string Section = "Visibility";

    // Companies in these statuses are visible to every rep (for example a shared pool of suspects).
    public List<string> StatusesVisibleToAll { get; set; } = ["Suspect"];
    // When true a manager sees every territory, not only their own.
    public bool ManagersSeeAll { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Auth;

// Entra ID sign-in through Microsoft.Identity.Web; the same validation runs in development and tests,
// only the signing key differs (Auth:DevSigningKey instead of the tenant's published keys).
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";
    // The tenant the development sign-in pretends to be: tokens carry it as `tid` and in their issuer.
    public const string DevTenantId = "00000000-0000-0000-0000-00000000c0de";

    [Required] public string Instance { get; set; } = "https://login.microsoftonline.com/";
    // A tenant id for a single-tenant API; "organizations" or "common" for a multi-tenant one (see AllowedTenants).
    public string? TenantId { get; set; }
    // Multi-tenant: the tenants whose tokens are accepted (empty = TenantId only, or any tenant when TenantId is "organizations").
    public List<string> AllowedTenants { get; set; } = [];
    // The API's application (client) id; tokens carry it, or the application ID URI, as audience.
    public string? ClientId { get; set; }
    [Required] public string Audience { get; set; } = "api://outlookcrm";
    // Delegated scope a user's token must carry (the add-in asks for it).
    [Required] public string Scope { get; set; } = "access_as_user";
    // App role carried by the sync worker's client-credentials token.
    [Required] public string SyncAppRole { get; set; } = "Crm.Sync";
    // Local development sign-in: tokens signed with this key instead of Entra ID. Never in Production.
    public bool DevSignIn { get; set; }
    public string? DevSigningKey { get; set; }

    public string EffectiveTenantId => string.IsNullOrEmpty(TenantId) && DevSignIn ? DevTenantId : TenantId ?? "";
    public string EffectiveClientId => ClientId ?? Audience.Replace("api://", "");
    public bool IsMultiTenant => EffectiveTenantId is "common" or "organizations";
    // Entra ID's v2 issuer, per tenant.
    public string IssuerFor(string tenant) => $"{Instance.TrimEnd('/')}/{tenant}/v2.0";

    // Checked when the API starts serving (ValidateOnStart), not by the operator verbs (migrate…), which need no sign-in:
    // without a tenant Identity.Web cannot build its authority and would answer 500 to every request instead.
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!DevSignIn && string.IsNullOrWhiteSpace(TenantId))
            yield return new ValidationResult("Auth:TenantId is not set: give the Entra ID tenant id (or \"organizations\" for a " +
                "multi-tenant API) and Auth:ClientId, or turn on Auth:DevSignIn outside Production for the local development sign-in.",
                [nameof(TenantId)]);
    }
}

public sealed class VisibilityOptions : IValidatableObject
{
    public const string Section = "Visibility";

    // Companies in these statuses are visible to every rep (for example a shared pool of suspects). The default,
    // ["Suspect"], is in appsettings.json and not here: the configuration binder adds the configured items to a list's
    // initial ones, so a default written here could never be taken out — ["Prospect"] configured gave Suspect and
    // Prospect, and Suspect twice by default. A blank item ("Visibility__StatusesVisibleToAll__0=") shares none.
    public List<string> StatusesVisibleToAll { get; set; } = [];
    // When true a manager sees every territory, not only their own.
    public bool ManagersSeeAll { get; set; }

    public CompanyStatus[] SharedStatuses() =>
        StatusesVisibleToAll.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Enum.Parse<CompanyStatus>(s.Trim(), ignoreCase: true)).Distinct().ToArray();

    // Checked when the API starts (ValidateOnStart): a misspelt status used to fail every signed-in request instead.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var status in StatusesVisibleToAll.Where(s => !string.IsNullOrWhiteSpace(s)))
            if (!Enum.GetNames<CompanyStatus>().Contains(status.Trim(), StringComparer.OrdinalIgnoreCase))
                yield return new ValidationResult($"{Section}:{nameof(StatusesVisibleToAll)} holds \"{status}\", which is not a company status " +
                    $"({string.Join(", ", Enum.GetNames<CompanyStatus>())}).", [nameof(StatusesVisibleToAll)]);
    }
}

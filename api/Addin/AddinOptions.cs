namespace OutlookCrm.Api.Addin;

public sealed class AddinOptions
{
    public const string Section = "Addin";

    // Folder holding the built task pane (npm run build). Relative paths resolve from the content root.
    public string DistPath { get; set; } = "../addin/dist";
    // Public address of this API as Outlook reaches it (https). Empty: the request's own scheme and host.
    public string? PublicBaseUrl { get; set; }
    // Entra ID app registration of the add-in, for nested app authentication (NAA).
    public string? ClientId { get; set; }
    public string? Authority { get; set; }
    // Delegated scope of this API the pane asks for, e.g. api://<host>/<client id>/access_as_user.
    public string? ApiScope { get; set; }
}

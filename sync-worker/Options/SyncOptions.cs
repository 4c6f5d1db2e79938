using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.SyncWorker.Options;

public sealed class SyncOptions
{
    public const string Section = "Sync";

    // Contact folder created in each rep's mailbox; contacts outside it are never touched.
    [Required, StringLength(100, MinimumLength = 1)] public string FolderName { get; set; } = "CRM";
    // 60 s polling + a cycle of a few seconds keeps a CRM change under the 2-minute promise.
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);
    [Range(1, 365)] public int CalendarDaysAhead { get; set; } = 60;
    // Events this far back are still read, so a visit marked done the next week is seen.
    [Range(0, 90)] public int CalendarDaysBack { get; set; } = 14;
    // Mailbox cycles running at once in this instance. A cycle mostly waits on Graph, whose limits are per mailbox
    // (4 concurrent requests, 10,000 per 10 minutes): more mailboxes side by side cost Graph nothing, so a first sync of
    // a whole pool (300 mailboxes over 3 instances) runs in one wave rather than in rounds of 8.
    [Range(1, 1000)] public int MaxMailboxesInParallel { get; set; } = 128;
    // Exchange Online allows 4 concurrent requests per mailbox and app.
    [Range(1, 4)] public int MaxRequestsPerMailbox { get; set; } = 4;
    // JSON batching accepts at most 20 requests per batch.
    [Range(1, 20)] public int BatchSize { get; set; } = 20;
    [Range(1, 1000)] public int FeedPageSize { get; set; } = 200;
    // Items per delta page asked of Graph (Prefer: odata.maxpagesize); Graph may send fewer.
    [Range(10, 1000)] public int DeltaPageSize { get; set; } = 200;
    [Range(0, 20)] public int MaxRetries { get; set; } = 6;
    // status.json goes here; the sync state itself is in the CRM database (through the API).
    [Required] public string StateDirectory { get; set; } = "sync-state";
    // Instances with the same pool share its mailboxes; a second tenant on the same CRM is a second pool.
    [Required, StringLength(50, MinimumLength = 1)] public string Pool { get; set; } = "default";
    // Unique per process: a restarted instance is a new holder (its predecessor's leases simply expire).
    [Required, StringLength(200, MinimumLength = 1)] public string InstanceId { get; set; } =
        $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    // A dead instance's mailboxes are taken over after at most this + a third of it (renewal period): 60 s by default.
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")] public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(45);
    public bool DryRun { get; set; }
    public bool SyncCalendar { get; set; } = true;
}

public sealed class CrmApiOptions
{
    public const string Section = "Crm";

    [Required] public Uri BaseAddress { get; set; } = new("http://localhost:5080");
    // Embedded run: ask the local API for a token at /dev/app-token instead of Entra ID. Left unset, it is used
    // when no Entra credential is configured and the API is on loopback (an API in Production refuses it anyway).
    public bool? UseDevAppToken { get; set; }
    // Entra ID: the API's app id URI + "/.default" (the worker holds the Crm.Sync app role).
    [Required] public string Scope { get; set; } = "api://outlookcrm/.default";
}

public enum GraphMode { Real, TestDouble, None }

public sealed class GraphOptions
{
    public const string Section = "Graph";

    // Real: Entra ID client credentials. TestDouble: no token, BaseUrl points at the loopback double.
    // None: no Graph at all (forces dry-run, every mailbox is read as empty).
    public GraphMode Mode { get; set; } = GraphMode.Real;
    [Required] public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    // One of the two, from the environment or a secret store, never from a committed file.
    public string? ClientSecret { get; set; }
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    // On Azure (Container Apps, App Service, a VM): the worker's managed identity, no secret at all. ClientId then names
    // a user-assigned identity (empty: the system-assigned one). Graph's application permissions and the CRM API's
    // Crm.Sync role are granted to that identity's service principal.
    public bool ManagedIdentity { get; set; }
    // One attempt of one request; Retry-After waits between attempts are not counted.
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
}

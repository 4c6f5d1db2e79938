using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Graph;

public static class GraphSetup
{
    // The app's own identity (client credentials): used for Graph and for the CRM API's app role.
    public static TokenCredential? Credential(GraphOptions o)
    {
        if (o.ManagedIdentity)
            return new ManagedIdentityCredential(string.IsNullOrEmpty(o.ClientId)
                ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(o.ClientId));
        if (string.IsNullOrEmpty(o.TenantId) || string.IsNullOrEmpty(o.ClientId)) return null;
        if (!string.IsNullOrEmpty(o.CertificatePath))
            return new RotatingCertificateCredential(o.TenantId, o.ClientId, o.CertificatePath, o.CertificatePassword);
        if (!string.IsNullOrEmpty(o.ClientSecret)) return new ClientSecretCredential(o.TenantId, o.ClientId, o.ClientSecret);
        return null;
    }

    public static GraphServiceClient CreateClient(GraphOptions graph, SyncOptions sync, TokenCredential? credential)
    {
        // The SDK's retry handler gives way to Microsoft.Extensions.Http.Resilience's (Retry-After, per-attempt timeout,
        // dropped connections); the mailbox gate sits inside it, so a request waiting out a Retry-After holds no slot.
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Add(GraphThrottling.Handler(sync.MaxRetries, graph.AttemptTimeout));
        handlers.Add(new GraphPreferHandler(sync.DeltaPageSize));
        handlers.Add(new MailboxGateHandler(sync.MaxRequestsPerMailbox));
        // Innermost, so every attempt (retries too) is checked: after a lease is lost nothing more is written.
        handlers.Add(new LeaseGuardHandler());
        var http = GraphClientFactory.Create(handlers, version: "v1.0", nationalCloud: GraphClientFactory.Global_Cloud);
        http.BaseAddress = new Uri(graph.BaseUrl.TrimEnd('/') + "/");
        // Decorated traffic, as Microsoft asks of apps under throttling; the instance tells which worker wrote what.
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"OutlookCrm-SyncWorker/1.0 (instance {new string(sync.InstanceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray())})");
        http.Timeout = Timeout.InfiniteTimeSpan; // the attempt timeout above bounds each attempt; waits are not attempts
        IAuthenticationProvider auth = graph.Mode switch
        {
            GraphMode.Real => new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(
                credential ?? throw new InvalidOperationException("Graph:Mode=Real needs Graph:TenantId, Graph:ClientId and Graph:ClientSecret or Graph:CertificatePath."),
                allowedHosts: null, observabilityOptions: null, isCaeEnabled: true, scopes: ["https://graph.microsoft.com/.default"]),
            _ => new AnonymousAuthenticationProvider(),
        };
        return new GraphServiceClient(http, auth, graph.BaseUrl.TrimEnd('/'));
    }
}

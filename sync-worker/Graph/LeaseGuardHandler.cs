using OutlookCrm.SyncWorker.Crm;

namespace OutlookCrm.SyncWorker.Graph;

// Fencing on the client side: once this instance's lease on the mailbox is lost, no write (Graph or CRM) leaves it,
// whatever code path asks; reads are harmless. The API fences the state itself by epoch.
public sealed class LeaseGuardHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method != HttpMethod.Get && MailboxScope.Current?.Lease is { IsLost: true } lease)
            throw new LeaseLostException($"Mailbox {lease.UserId}: lease lost, {request.Method} {request.RequestUri?.AbsolutePath} not sent.");
        return base.SendAsync(request, ct);
    }
}

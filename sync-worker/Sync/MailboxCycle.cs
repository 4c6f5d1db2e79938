using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// One cycle for one mailbox: contacts and calendar side by side; a log line per loop and the status file on success.
// It writes only under the mailbox's lease, and stops (cancelled) the moment the lease is lost.
public sealed class MailboxCycle(ContactSync contacts, CalendarSync calendar, StatusFile status, SyncMetrics metrics, LeaseKeeper leases,
    IOptions<SyncOptions> options, ILogger<MailboxCycle> log)
{
    // A cycle run on its own (not by the loop): takes the mailbox's lease first, or refuses if another instance has it.
    public async Task<(CycleReport Contacts, CycleReport? Calendar)> RunAsync(Mailbox mailbox, CancellationToken ct)
    {
        if (options.Value.DryRun) return await RunAsync(mailbox, null, ct);
        var lease = await leases.AcquireOneAsync(mailbox.UserId, ct) ?? throw new LeaseLostException($"{mailbox.Upn} is held by another worker instance.");
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewWhileRunningAsync(done.Token);
        try { return await RunAsync(mailbox, lease, ct); }
        finally
        {
            await done.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewWhileRunningAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                try { await leases.RenewAsync(ct); }
                catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning("Lease renewal failed ({Error})", e.Message); }
        }
        catch (OperationCanceledException) { }
    }

    public async Task<(CycleReport Contacts, CycleReport? Calendar)> RunAsync(Mailbox mailbox, MailboxLease? lease, CancellationToken ct)
    {
        using var linked = lease is null ? CancellationTokenSource.CreateLinkedTokenSource(ct) : CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        var token = linked.Token;
        // The two loops are independent (their own state, cursors and delta links) and run side by side: while one has a
        // batch at Graph, the other reads the CRM, plans or saves its state. They share the mailbox's 4 Graph slots (the
        // gate is per mailbox), so the mailbox's concurrency stays within Graph's limit; one failing does not stop the other.
        var c = Task.Run(() => RunLoopAsync(ContactSync.Loop, mailbox, lease, scope => contacts.RunAsync(mailbox, scope, token)), CancellationToken.None);
        var e = options.Value.SyncCalendar
            ? Task.Run(() => RunLoopAsync(CalendarSync.Loop, mailbox, lease, scope => calendar.RunAsync(mailbox, scope, token)), CancellationToken.None)
            : Task.FromResult<CycleReport>(null!);
        try { await Task.WhenAll(c, e); }
        catch (Exception) { /* both loops have ended; awaiting each below rethrows the first failure */ }
        return (await c, options.Value.SyncCalendar ? await e : null);
    }

    private async Task<CycleReport> RunLoopAsync(string loop, Mailbox mailbox, MailboxLease? lease, Func<MailboxScope, Task<CycleReport>> run)
    {
        lease?.ThrowIfLost();
        var scope = new MailboxScope { Mailbox = mailbox.Upn, Lease = lease };
        using (MailboxScope.Enter(scope))
        {
            CycleReport report;
            try { report = await run(scope); }
            catch (Exception e)
            {
                status.RecordFailure(loop, mailbox.UserId, mailbox.Upn, $"{e.GetType().Name}: {e.Message}");
                metrics.Failure(mailbox.Upn, loop, scope.Requests, scope.Throttled);
                throw;
            }
            log.LogInformation("{Mailbox} {Loop}{DryRun}: created {Created}, updated {Updated}, deleted {Deleted}, unchanged {Unchanged}, throttled {Throttled}, Graph requests {Requests}, set aside {Quarantined}, {Duration} ms",
                mailbox.Upn, loop, options.Value.DryRun ? " [dry-run]" : "", report.Created, report.Updated, report.Deleted, report.Unchanged,
                report.Throttled, report.Requests, report.Quarantined.Count, (long)report.Duration.TotalMilliseconds);
            status.Record(loop, mailbox.UserId, mailbox.Upn, report);
            metrics.Success(mailbox.Upn, loop, report);
            return report;
        }
    }
}

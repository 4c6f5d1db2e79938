using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// One cycle for one mailbox: contacts, then calendar; a log line per loop and the status file on success.
public sealed class MailboxCycle(ContactSync contacts, CalendarSync calendar, StatusFile status, SyncMetrics metrics, IOptions<SyncOptions> options, ILogger<MailboxCycle> log)
{
    public async Task<(CycleReport Contacts, CycleReport? Calendar)> RunAsync(Mailbox mailbox, CancellationToken ct)
    {
        var c = await RunLoopAsync(ContactSync.Loop, mailbox, scope => contacts.RunAsync(mailbox, scope, ct));
        var e = options.Value.SyncCalendar ? await RunLoopAsync(CalendarSync.Loop, mailbox, scope => calendar.RunAsync(mailbox, scope, ct)) : null;
        return (c, e);
    }

    private async Task<CycleReport> RunLoopAsync(string loop, Mailbox mailbox, Func<MailboxScope, Task<CycleReport>> run)
    {
        var scope = new MailboxScope { Mailbox = mailbox.Upn };
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

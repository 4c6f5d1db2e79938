using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// The poll loop: every interval, every CRM mailbox in parallel (with a global limit). A failing mailbox is
// logged and retried next cycle; the others go on. In dry-run one pass is printed and the worker stops.
public sealed class SyncLoop(IServiceScopeFactory scopes, CrmClient crm, IOptions<SyncOptions> options, IOptions<GraphOptions> graph,
    StatusFile status, IHostApplicationLifetime lifetime, ILogger<SyncLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (graph.Value.Mode == GraphMode.None)
            log.LogWarning("DRY-RUN WITHOUT A TENANT: no Microsoft 365 tenant is configured (Graph:TenantId/ClientId/secret or certificate), " +
                "so nothing is written and every mailbox is read as empty: the plan below is what a first real run would write.");
        else if (o.DryRun) log.LogWarning("DRY-RUN against {Graph}: mailboxes are read, nothing is written.", graph.Value.BaseUrl);
        else log.LogInformation("Sync worker on {Graph}, every {Interval}; state and status.json in {Dir}", graph.Value.BaseUrl, o.PollInterval, Path.GetFullPath(o.StateDirectory));

        using var timer = new PeriodicTimer(o.PollInterval);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Sync cycle failed before reaching the mailboxes (CRM API unreachable?); retrying next cycle");
            }
            if (o.DryRun) { lifetime.StopApplication(); return; }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var mailboxes = await crm.GetMailboxesAsync(ct);
        await Parallel.ForEachAsync(mailboxes, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxMailboxesInParallel, CancellationToken = ct },
            async (mailbox, token) =>
            {
                using var scope = scopes.CreateScope();
                try { await scope.ServiceProvider.GetRequiredService<MailboxCycle>().RunAsync(mailbox, token); }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    log.LogError(e, "{Mailbox}: cycle failed ({Error}); its state is kept and the next cycle resumes", mailbox.Upn, e.Message);
                }
            });
        log.LogInformation("Cycle done for {Count} mailboxes; status in {Path}", mailboxes.Count, status.Path);
    }
}

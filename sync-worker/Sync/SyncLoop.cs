using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// The poll loop: every interval, each mailbox this instance holds the lease of, in parallel (with a global limit).
// Beside it the lease loop renews, gives back and takes mailboxes every third of the lease duration. A failing
// mailbox is logged and retried next cycle; the others go on. In dry-run one pass is printed and the worker stops.
public sealed class SyncLoop(IServiceScopeFactory scopes, CrmClient crm, LeaseKeeper leases, IOptions<SyncOptions> options, IOptions<GraphOptions> graph,
    StatusFile status, WorkerHealth health, SyncMetrics metrics, IHostApplicationLifetime lifetime, ILogger<SyncLoop> log) : BackgroundService
{
    private volatile IReadOnlyList<Mailbox> _mailboxes = [];
    private volatile bool _leased;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (graph.Value.Mode == GraphMode.None)
            log.LogWarning("DRY-RUN WITHOUT A TENANT: no Microsoft 365 tenant is configured (Graph:TenantId/ClientId/secret or certificate), " +
                "so nothing is written and every mailbox is read as empty: the plan below is what a first real run would write.");
        else if (o.DryRun) log.LogWarning("DRY-RUN against {Graph}: mailboxes are read, nothing is written.", graph.Value.BaseUrl);
        else log.LogInformation("Sync worker {Instance} (pool {Pool}) on {Graph}, every {Interval}; leases of {Lease}; status.json in {Dir}",
            o.InstanceId, o.Pool, graph.Value.BaseUrl, o.PollInterval, o.LeaseDuration, Path.GetFullPath(o.StateDirectory));

        if (o.DryRun)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Dry run failed before reaching the mailboxes (CRM API unreachable?)"); }
            lifetime.StopApplication();
            return;
        }
        await RefreshLeasesAsync(stoppingToken);
        var keeping = KeepLeasesAsync(stoppingToken);
        try
        {
            using var timer = new PeriodicTimer(o.PollInterval);
            do
            {
                try { await RunOnceAsync(stoppingToken); }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "Sync cycle failed before reaching the mailboxes (CRM API unreachable?); retrying next cycle");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            try { await keeping; } catch (OperationCanceledException) { }
            // A clean stop hands the mailboxes over at once; a crash leaves them to expire (LeaseDuration).
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await leases.ReleaseAllAsync(grace.Token); }
            catch (Exception e) { log.LogWarning("Leases not released on stop ({Error}); they expire on their own", e.Message); }
        }
    }

    private async Task KeepLeasesAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3);
        while (await timer.WaitForNextTickAsync(ct)) await RefreshLeasesAsync(ct);
    }

    private async Task RefreshLeasesAsync(CancellationToken ct)
    {
        try
        {
            _mailboxes = await crm.GetMailboxesAsync(ct);
            await leases.RefreshAsync(_mailboxes, ct);
            health.LeasesRenewed();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Lease renewal failed ({Error}); held mailboxes stop writing at their deadline", e.Message);
        }
        finally { _leased = true; }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        if (options.Value.DryRun)
        {
            var all = await crm.GetMailboxesAsync(ct);
            await ForEachAsync(all.Select(m => (m, (MailboxLease?)null)), ct);
            log.LogInformation("Dry run done for {Count} mailboxes; status in {Path}", all.Count, status.Path);
            return;
        }
        // Run on its own (not from ExecuteAsync): take this instance's share first.
        if (!_leased) await RefreshLeasesAsync(ct);
        var byId = _mailboxes.ToDictionary(m => m.UserId);
        var held = leases.Held.Where(l => byId.ContainsKey(l.UserId)).Select(l => (byId[l.UserId], (MailboxLease?)l)).ToList();
        await ForEachAsync(held, ct);
        metrics.KeepOnly(leases.Held.Where(l => byId.ContainsKey(l.UserId)).Select(l => byId[l.UserId].Upn).ToHashSet(StringComparer.OrdinalIgnoreCase));
        health.CycleDone();
        log.LogInformation("Cycle done for {Count} of {Total} mailboxes (instance {Instance}, {Instances} live); status in {Path}",
            held.Count, byId.Count, options.Value.InstanceId, leases.Instances, status.Path);
    }

    private Task ForEachAsync(IEnumerable<(Mailbox Mailbox, MailboxLease? Lease)> work, CancellationToken ct) =>
        Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxMailboxesInParallel, CancellationToken = ct },
            async (item, token) =>
            {
                var (mailbox, lease) = item;
                // Busy claims the lease for this cycle; a lease being given back (-1) or already cycling is skipped.
                if (lease is not null && Interlocked.CompareExchange(ref lease.Busy, 1, 0) != 0) return;
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<MailboxCycle>().RunAsync(mailbox, lease, token);
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    if (lease is { IsLost: true }) log.LogWarning("{Mailbox}: lease lost mid-cycle; stopped, the next holder resumes from the saved state", mailbox.Upn);
                    else log.LogError(e, "{Mailbox}: cycle failed ({Error}); its state is kept and the next cycle resumes", mailbox.Upn, e.Message);
                }
                finally { if (lease is not null) Interlocked.CompareExchange(ref lease.Busy, 0, 1); }
            });
}

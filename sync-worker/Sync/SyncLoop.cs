using System.Diagnostics;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// The poll loop: each mailbox this instance holds the lease of is synced once per interval on its own clock, in
// parallel (with a global limit). Beside it the lease loop renews, gives back and takes mailboxes every third of the lease duration. A failing
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
        await JoinAsync(stoppingToken);
        await RefreshLeasesAsync(stoppingToken);
        var keeping = KeepLeasesAsync(stoppingToken);
        var renewing = RenewLeasesAsync(stoppingToken);
        var running = new Dictionary<int, Task>();
        try { await ScheduleAsync(running, stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            try { await keeping; } catch (OperationCanceledException) { }
            try { await renewing; } catch (OperationCanceledException) { }
            // Cycles in progress end (cancelled) before the leases are handed over.
            try { await Task.WhenAll(running.Values); } catch (Exception) { /* each cycle logged its own failure */ }
            // A clean stop hands the mailboxes over at once; a crash leaves them to expire (LeaseDuration).
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await leases.ReleaseAllAsync(grace.Token); }
            catch (Exception e) { log.LogWarning("Leases not released on stop ({Error}); they expire on their own", e.Message); }
        }
    }

    // Each held mailbox on its own clock: its cycle starts one poll interval after its previous one started (at once when
    // that one ran longer). A slow mailbox (a first sync of thousands of items, a long Retry-After) never holds the
    // others back, as a cycle of all mailboxes waiting for the slowest would; the polling rate per mailbox stays one
    // cycle per interval. At most MaxMailboxesInParallel cycles run at once.
    private async Task ScheduleAsync(Dictionary<int, Task> running, CancellationToken ct)
    {
        var o = options.Value;
        var slots = new SemaphoreSlim(o.MaxMailboxesInParallel); // not disposed: cycles still ending release it
        var due = new Dictionary<int, long>();
        var interval = (long)(o.PollInterval.TotalSeconds * Stopwatch.Frequency);
        var (summaryAt, done) = (Stopwatch.GetTimestamp(), 0);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(o.PollInterval.TotalMilliseconds / 10, 50, 1000)));
        do
        {
            var byId = _mailboxes.ToDictionary(m => m.UserId);
            var held = leases.Held.Where(l => byId.ContainsKey(l.UserId)).ToList();
            var now = Stopwatch.GetTimestamp();
            foreach (var id in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
            {
                running.Remove(id);
                done++;
            }
            foreach (var lease in held)
            {
                if (running.ContainsKey(lease.UserId) || due.GetValueOrDefault(lease.UserId) > now) continue;
                due[lease.UserId] = now + interval;
                var mailbox = byId[lease.UserId];
                running[lease.UserId] = Task.Run(() => CycleAsync(mailbox, lease, slots, ct), CancellationToken.None);
            }
            var heldIds = held.Select(l => l.UserId).ToHashSet();
            foreach (var id in due.Keys.Where(id => !heldIds.Contains(id)).ToList()) due.Remove(id);
            metrics.KeepOnly(held.Select(l => byId[l.UserId].Upn).ToHashSet(StringComparer.OrdinalIgnoreCase));
            if (held.Count == 0) health.CycleDone(); // nothing to do is not being stuck
            if (Stopwatch.GetElapsedTime(summaryAt) >= o.PollInterval)
            {
                log.LogInformation("{Done} mailbox cycles done in the last {Seconds:0} s, {Running} running, {Held} of {Total} mailboxes held (instance {Instance}, {Instances} live); status in {Path}",
                    done, Stopwatch.GetElapsedTime(summaryAt).TotalSeconds, running.Count, held.Count, byId.Count, o.InstanceId, leases.Instances, status.Path);
                (summaryAt, done) = (Stopwatch.GetTimestamp(), 0);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private async Task CycleAsync(Mailbox mailbox, MailboxLease lease, SemaphoreSlim slots, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try { await RunMailboxAsync(mailbox, lease, ct); }
        finally { slots.Release(); }
        health.CycleDone();
    }

    // Joins the pool, then gives instances started at the same time a moment to join too before the first share is taken.
    private async Task JoinAsync(CancellationToken ct)
    {
        try
        {
            _mailboxes = await crm.GetMailboxesAsync(ct);
            await leases.JoinAsync(_mailboxes.Count, ct);
            var third = options.Value.LeaseDuration / 3;
            await Task.Delay(third < TimeSpan.FromSeconds(2) ? third : TimeSpan.FromSeconds(2), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning("Joining the pool failed ({Error}); taking leases anyway", e.Message); }
    }

    private async Task KeepLeasesAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3);
        while (await timer.WaitForNextTickAsync(ct)) await RefreshLeasesAsync(ct);
    }

    // Renewals on their own thread and clock, every sixth of the lease: never behind the rebalancing (its mailbox list
    // and acquisitions) nor behind mailbox work queued on the thread pool, and three or four chances before a held
    // lease's deadline (three quarters of the lease after the last granted renewal was sent) rather than one or two.
    private Task RenewLeasesAsync(CancellationToken ct) => Task.Factory.StartNew(() =>
    {
        var period = options.Value.LeaseDuration / 6;
        var next = Stopwatch.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            next += (long)(period.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero && ct.WaitHandle.WaitOne(wait)) return;
            if (wait <= TimeSpan.Zero) next = Stopwatch.GetTimestamp(); // a late renewal does not bunch up the next ones
            try { leases.RenewAsync(ct).GetAwaiter().GetResult(); }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("Lease renewal failed ({Error}); renewed again in {Seconds:0.#} s", e.Message, period.TotalSeconds);
            }
            catch (OperationCanceledException) { return; }
        }
    }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

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
            async (item, token) => await RunMailboxAsync(item.Mailbox, item.Lease, token));

    private async Task RunMailboxAsync(Mailbox mailbox, MailboxLease? lease, CancellationToken token)
    {
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
        catch (OperationCanceledException) when (token.IsCancellationRequested) { }
        finally { if (lease is not null) Interlocked.CompareExchange(ref lease.Busy, 0, 1); }
    }
}

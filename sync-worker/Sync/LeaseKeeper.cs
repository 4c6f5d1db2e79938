using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Sync;

// This instance's leases. Every third of the lease duration one call renews them all, gives back what is beyond the
// fair share (never a mailbox mid-cycle) and takes free or expired mailboxes up to that share. Beside it, a renewal of
// what is held every sixth of the lease (RenewAsync), on its own loop: several chances before a lease runs out.
public sealed class LeaseKeeper(CrmClient crm, IOptions<SyncOptions> options, ILogger<LeaseKeeper> log)
{
    private readonly ConcurrentDictionary<int, MailboxLease> _held = new();
    private int _share = int.MaxValue;
    // The pool's size as last read: a renewal states it too, so the share the API computes stays the pool's.
    private int _mailboxes;
    // One lease call at a time: a renewal answered while a rebalancing gives a mailbox back must not bring it back.
    private readonly SemaphoreSlim _calls = new(1, 1);

    public string Holder => options.Value.InstanceId;
    public IReadOnlyList<MailboxLease> Held => _held.Values.Where(l => !l.IsLost).OrderBy(l => l.UserId).ToList();
    public int Instances { get; private set; }

    public Task RefreshAsync(IReadOnlyList<Mailbox> mailboxes, CancellationToken ct) => OneAtATimeAsync(async () =>
    {
        var o = options.Value;
        var active = mailboxes.Select(m => m.UserId).ToHashSet();
        var release = new List<MailboxLease>();
        var keep = _held.Count;
        foreach (var lease in _held.Values.OrderBy(l => active.Contains(l.UserId)).ThenByDescending(l => l.UserId))
        {
            if (active.Contains(lease.UserId) && keep <= _share) break;
            // Busy = -1 claims an idle lease for release; a cycle starting now sees it and does not run.
            if (Interlocked.CompareExchange(ref lease.Busy, -1, 0) != 0) continue;
            lease.Lose();
            _held.TryRemove(lease.UserId, out _);
            release.Add(lease);
            keep--;
        }
        var acquire = active.Where(id => !_held.ContainsKey(id)).OrderBy(_ => Random.Shared.Next()).ToList();
        _mailboxes = active.Count;
        await CallAsync(new LeaseRequest(o.Pool, Holder, Seconds(o), active.Count, Claims(release), acquire), ct);
    }, ct);

    // Starting: announce this instance without taking anything, so that instances started together each count the others
    // before taking their share (the first one up would otherwise take the whole pool, and keep it while it cycles).
    public Task JoinAsync(int mailboxes, CancellationToken ct)
    {
        var o = options.Value;
        return OneAtATimeAsync(() => CallAsync(new LeaseRequest(o.Pool, Holder, Seconds(o), mailboxes, null, null), ct), ct);
    }

    // A run outside the loop (a single cycle, a test): this mailbox's lease whatever the share.
    public async Task<MailboxLease?> AcquireOneAsync(int userId, CancellationToken ct)
    {
        if (_held.TryGetValue(userId, out var held) && !held.IsLost) return held;
        var o = options.Value;
        await OneAtATimeAsync(() => CallAsync(new LeaseRequest(o.Pool, Holder, Seconds(o), 1_000_000, null, [userId]), ct), ct);
        return _held.TryGetValue(userId, out var lease) && !lease.IsLost ? lease : null;
    }

    // Renews what this instance holds, takes and gives back nothing (the renewal loop; a run outside the loop while its
    // cycle lasts). Nothing held: nothing to send.
    public Task RenewAsync(CancellationToken ct)
    {
        if (_held.IsEmpty) return Task.CompletedTask;
        var o = options.Value;
        return OneAtATimeAsync(() => CallAsync(new LeaseRequest(o.Pool, Holder, Seconds(o), Math.Max(_mailboxes, _held.Count), null, null), ct), ct);
    }

    // Shutting down: stop writing, give every mailbox back and leave the pool, so others take over at once.
    public Task ReleaseAllAsync(CancellationToken ct) => OneAtATimeAsync(async () =>
    {
        var all = _held.Values.ToList();
        foreach (var lease in all) lease.Lose();
        _held.Clear();
        var o = options.Value;
        await crm.LeasesAsync(new LeaseRequest(o.Pool, Holder, Seconds(o), 0, Claims(all), null, Leaving: true), ct);
    }, ct);

    private async Task OneAtATimeAsync(Func<Task> call, CancellationToken ct)
    {
        await _calls.WaitAsync(ct);
        try { await call(); }
        finally { _calls.Release(); }
    }

    private async Task CallAsync(LeaseRequest request, CancellationToken ct)
    {
        var sentAt = Stopwatch.GetTimestamp();
        var grant = await crm.LeasesAsync(request, ct);
        var duration = TimeSpan.FromSeconds(grant.Seconds);
        var granted = grant.Held.ToDictionary(c => c.UserId, c => c.Epoch);
        foreach (var (id, lease) in _held)
            if (!granted.TryGetValue(id, out var epoch) || epoch != lease.Epoch)
            {
                lease.Lose();
                _held.TryRemove(id, out _);
                log.LogWarning("Mailbox {UserId}: lease lost by {Holder} (expired or taken over); its cycle stops writing", id, Holder);
            }
        foreach (var (id, epoch) in granted)
        {
            var lease = _held.AddOrUpdate(id, _ => new MailboxLease(id, epoch, Holder),
                // Lost locally (its deadline passed) yet still ours in the database: a fresh lease object, same epoch.
                (_, current) => current.IsLost ? new MailboxLease(id, epoch, Holder) : current);
            lease.Extend(sentAt, duration);
        }
        (_share, Instances) = (Math.Max(1, grant.Share), grant.Instances);
    }

    private static int Seconds(SyncOptions o) => (int)Math.Ceiling(o.LeaseDuration.TotalSeconds);

    private static List<LeaseClaim> Claims(IEnumerable<MailboxLease> leases) => leases.Select(l => new LeaseClaim(l.UserId, l.Epoch)).ToList();
}

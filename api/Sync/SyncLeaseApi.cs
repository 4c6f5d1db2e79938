using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;

namespace OutlookCrm.Api.Sync;

// Several sync worker instances share the mailboxes: a mailbox is synced by the holder of its lease, and the
// state it keeps (cursors, delta links, id map, quarantine) is written only under that lease (fencing by epoch).
// Worker plumbing rather than CRM data: left out of the OpenAPI document the add-in is generated from.
public static class SyncLeaseApi
{
    public static RouteGroupBuilder MapSyncLeases(this RouteGroupBuilder sync)
    {
        sync.MapPost("/leases", Leases).ExcludeFromDescription();
        sync.MapGet("/state", GetState).ExcludeFromDescription();
        sync.MapPut("/state/{loop}", PutState).ExcludeFromDescription();
        return sync;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    // One call per instance and renewal period: heartbeat, release, renew everything this holder still holds,
    // then take free or expired mailboxes up to a fair share (mailboxes / live instances).
    internal static async Task<Ok<LeaseGrant>> Leases(LeaseRequest r, CrmDbContext db, CancellationToken ct)
    {
        // On SQLite, ahead of every state write waiting for the one writer: a renewal late by a queue of state writes
        // would lose the leases of the very mailboxes that are writing.
        using var turn = SqliteWriteGate.For(db) is { } gate ? await gate.EnterAsync(urgent: true, ct) : null;
        var now = Now();
        var until = now + r.Seconds * 1000L;
        // An instance shutting down leaves at once, so the others' fair share grows to cover its mailboxes.
        var seen = r.Leaving ? now : until;
        if (await db.SyncInstances.Where(i => i.Pool == r.Pool && i.Holder == r.Holder).ExecuteUpdateAsync(s => s.SetProperty(i => i.SeenUntil, seen)) == 0)
            await InsertIgnoringRace(db, () => db.SyncInstances.Add(new SyncInstance { Pool = r.Pool, Holder = r.Holder, SeenUntil = seen }));
        await db.SyncInstances.Where(i => i.Pool == r.Pool && i.SeenUntil < now - 3_600_000).ExecuteDeleteAsync();

        foreach (var c in r.Release ?? [])
            await db.SyncMailboxes.Where(m => m.Pool == r.Pool && m.UserId == c.UserId && m.Holder == r.Holder && m.Epoch == c.Epoch)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Holder, (string?)null).SetProperty(m => m.LeaseUntil, 0L));
        // An expired lease is never renewed: another instance may have taken it, and this one stopped writing.
        await db.SyncMailboxes.Where(m => m.Pool == r.Pool && m.Holder == r.Holder && m.LeaseUntil > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until));

        var instances = await db.SyncInstances.CountAsync(i => i.Pool == r.Pool && i.SeenUntil > now);
        var share = (int)Math.Ceiling(r.Mailboxes / (double)Math.Max(1, instances));
        var room = share - await db.SyncMailboxes.CountAsync(m => m.Pool == r.Pool && m.Holder == r.Holder && m.LeaseUntil > now);
        if (room > 0 && r.Acquire is { Count: > 0 } wanted)
        {
            var rows = await db.SyncMailboxes.AsNoTracking().Where(m => m.Pool == r.Pool && wanted.Contains(m.UserId))
                .Select(m => new { m.UserId, m.Holder, m.LeaseUntil }).ToListAsync();
            var known = rows.ToDictionary(x => x.UserId);
            var missing = wanted.Where(id => !known.ContainsKey(id)).Distinct().ToList();
            if (missing.Count > 0)
                await InsertIgnoringRace(db, () => db.SyncMailboxes.AddRange(missing.Select(id => new SyncMailbox { Pool = r.Pool, UserId = id })));
            var free = wanted.Where(id => !known.TryGetValue(id, out var x) || x.Holder is null || x.LeaseUntil <= now).Distinct().Take(room).ToList();
            // The condition is checked again by the database: a mailbox another instance took meanwhile stays its.
            await db.SyncMailboxes.Where(m => m.Pool == r.Pool && free.Contains(m.UserId) && (m.Holder == null || m.LeaseUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Holder, r.Holder).SetProperty(m => m.Epoch, m => m.Epoch + 1).SetProperty(m => m.LeaseUntil, until));
        }
        var held = await db.SyncMailboxes.AsNoTracking().Where(m => m.Pool == r.Pool && m.Holder == r.Holder && m.LeaseUntil > now)
            .OrderBy(m => m.UserId).Select(m => new LeaseClaim(m.UserId, m.Epoch)).ToListAsync();
        return TypedResults.Ok(new LeaseGrant(instances, share, r.Seconds, held));
    }

    // loop: only that loop's state (contacts or calendar), not both.
    internal static async Task<Ok<SyncState>> GetState(string? pool, string? loop, CrmDbContext db, Caller caller)
    {
        var user = caller.RequireUser();
        var p = pool ?? "default";
        var (contacts, calendar) = (loop is null or "contacts", loop is null or "calendar");
        var row = await db.SyncMailboxes.AsNoTracking().Where(m => m.Pool == p && m.UserId == user)
            .Select(m => new SyncState(contacts ? m.ContactState : null, calendar ? m.CalendarState : null, m.Holder, m.Epoch)).FirstOrDefaultAsync();
        return TypedResults.Ok(row ?? new SyncState(null, null, null, 0));
    }

    // Fenced: written only by the current holder, with the epoch it acquired and before its lease runs out.
    internal static async Task<NoContent> PutState(string loop, StateWrite w, CrmDbContext db, Caller caller, CancellationToken ct)
    {
        var user = caller.RequireUser();
        using var turn = SqliteWriteGate.For(db) is { } gate ? await gate.EnterAsync(urgent: false, ct) : null;
        // The time is taken once the write may proceed: the lease is checked as it stands when the row is written.
        var now = Now();
        var rows = db.SyncMailboxes.Where(m => m.Pool == w.Pool && m.UserId == user && m.Holder == w.Holder && m.Epoch == w.Epoch && m.LeaseUntil > now);
        var written = loop switch
        {
            "contacts" => await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.ContactState, w.State)),
            "calendar" => await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.CalendarState, w.State)),
            _ => throw CrmProblem.Invalid(nameof(loop), "loop must be contacts or calendar."),
        };
        if (written == 0) throw CrmProblem.Conflict($"The lease of mailbox {user} (epoch {w.Epoch}) is not held by {w.Holder}: state not written.");
        return TypedResults.NoContent();
    }

    private static async Task InsertIgnoringRace(CrmDbContext db, Action add)
    {
        add();
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { } // another instance inserted the same row first: it exists, which is all we need
        finally { db.ChangeTracker.Clear(); }
    }
}

public sealed record LeaseClaim(int UserId, long Epoch);

public sealed record LeaseRequest(
    [Required, StringLength(CrmModel.Short, MinimumLength = 1)] string Pool,
    [Required, StringLength(CrmModel.Name, MinimumLength = 1)] string Holder,
    [Range(1, 3600)] int Seconds,
    [Range(0, 1_000_000)] int Mailboxes,
    [MaxLength(100_000)] IReadOnlyList<LeaseClaim>? Release,
    [MaxLength(100_000)] IReadOnlyList<int>? Acquire,
    bool Leaving = false);

public sealed record LeaseGrant(int Instances, int Share, int Seconds, IReadOnlyList<LeaseClaim> Held);

public sealed record SyncState(string? Contacts, string? Calendar, string? Holder, long Epoch);

public sealed record StateWrite(
    [Required, StringLength(CrmModel.Short, MinimumLength = 1)] string Pool,
    [Required, StringLength(CrmModel.Name, MinimumLength = 1)] string Holder,
    long Epoch,
    [Required] string State);

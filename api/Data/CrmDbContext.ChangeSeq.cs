namespace OutlookCrm.Api.Data;

public abstract partial class CrmDbContext
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    // Stamps every mirrored row with the next values of one global counter. The counter row is
    // updated inside the same transaction, so its lock orders commits: a reader that has seen
    // ChangeSeq N can never later find a commit with a smaller number.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        await TouchCompaniesOfChangedChildren(ct);
        var changed = ChangeTracker.Entries<ISynced>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        if (changed.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        var last = (await Database.SqlQuery<long>(AdvanceCounter(Database.IsSqlServer(), changed.Count))
            .ToListAsync(ct)).Single();
        var next = last - changed.Count;
        foreach (var entry in changed)
        {
            entry.Entity.ChangeSeq = ++next;
            if (entry.Entity is Company c) c.UpdatedAt = now;
            if (entry.Entity is Contact k) k.UpdatedAt = now;
            if (entry.Entity is Activity a) a.UpdatedAt = now;
        }
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        if (own is not null) await own.CommitAsync(ct);
        return written;
    }

    // SQL Server has OUTPUT where SQLite and PostgreSQL have RETURNING.
    internal static FormattableString AdvanceCounter(bool sqlServer, int by) => sqlServer
        ? (FormattableString)$"UPDATE \"ChangeCounters\" SET \"Value\" = \"Value\" + {by} OUTPUT inserted.\"Value\" WHERE \"Id\" = 1"
        : $"UPDATE \"ChangeCounters\" SET \"Value\" = \"Value\" + {by} WHERE \"Id\" = 1 RETURNING \"Value\"";

    // An Outlook contact carries its company's data and last notes: a change to a contact or a new
    // note re-publishes the company, whose contacts the worker rewrites together.
    private async Task TouchCompaniesOfChangedChildren(CancellationToken ct)
    {
        var ids = new HashSet<long>();
        // A child of a company added in the same save needs nothing: the new company is stamped anyway.
        foreach (var e in ChangeTracker.Entries<Contact>().Where(e => e.State is EntityState.Added or EntityState.Modified)
                     .Where(e => !e.Property(x => x.CompanyId).IsTemporary))
        {
            ids.Add(e.Entity.CompanyId);
            if (e.State == EntityState.Modified && e.Property(x => x.CompanyId).OriginalValue is var old && old != e.Entity.CompanyId)
                ids.Add(old);
        }
        foreach (var e in ChangeTracker.Entries<Note>().Where(e => e.State is EntityState.Added or EntityState.Modified)
                     .Where(e => !e.Property(x => x.CompanyId).IsTemporary))
            ids.Add(e.Entity.CompanyId);
        if (ids.Count == 0) return;
        // One pass over the tracked companies (a batch of imported rows tracks thousands), not one per id.
        var tracked = ChangeTracker.Entries<Company>().Where(e => e.State != EntityState.Deleted && !e.Property(c => c.Id).IsTemporary)
            .ToDictionary(e => e.Entity.Id, e => e.Entity);
        foreach (var id in ids)
        {
            var company = tracked.GetValueOrDefault(id) ?? await Companies.FindAsync([id], ct);
            if (company is not null && Entry(company).State == EntityState.Unchanged)
                Entry(company).Property(c => c.ChangeSeq).IsModified = true;
        }
    }
}

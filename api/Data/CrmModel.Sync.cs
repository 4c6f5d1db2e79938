namespace OutlookCrm.Api.Data;

// The sync worker's leases and state (api/Sync/SyncLeaseApi.cs).
internal static partial class CrmModel
{
    private static void ConfigureSync(ModelBuilder m)
    {
        m.Entity<SyncMailbox>(e =>
        {
            e.HasKey(x => new { x.Pool, x.UserId });
            e.Property(x => x.Pool).HasMaxLength(Short);
            e.Property(x => x.Holder).HasMaxLength(Name);
            e.HasIndex(x => new { x.Pool, x.Holder });
        });
        m.Entity<SyncInstance>(e =>
        {
            e.HasKey(x => new { x.Pool, x.Holder });
            e.Property(x => x.Pool).HasMaxLength(Short);
            e.Property(x => x.Holder).HasMaxLength(Name);
        });
    }
}

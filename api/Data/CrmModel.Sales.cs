namespace OutlookCrm.Api.Data;

// Products, quotes, orders, commissions and follow-ups (docs/sales.md).
internal static partial class CrmModel
{
    // Money is stored with 2 decimals (the convention); unit prices with 4, quantities with 3, rates with 2.
    private static void Line<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : SalesLine
    {
        e.Property(x => x.Description).HasMaxLength(Text);
        e.Property(x => x.Quantity).HasPrecision(18, 3);
        e.Property(x => x.UnitPrice).HasPrecision(18, 4);
        e.Property(x => x.DiscountPercent).HasPrecision(5, 2);
        e.Property(x => x.VatRate).HasPrecision(5, 2);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ProductFamily>().WithMany().HasForeignKey(x => x.ProductFamilyId).OnDelete(DeleteBehavior.Restrict);
    }

    private static void ConfigureSales(ModelBuilder m)
    {
        m.Entity<Product>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(Short);
            e.Property(x => x.Name).HasMaxLength(Name);
            e.Property(x => x.UnitPrice).HasPrecision(18, 4);
            e.Property(x => x.VatRate).HasPrecision(5, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasOne(x => x.ProductFamily).WithMany().HasForeignKey(x => x.ProductFamilyId).OnDelete(DeleteBehavior.Restrict);
        });
        m.Entity<Quote>(e =>
        {
            e.Property(x => x.Number).HasMaxLength(Short);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(Short);
            e.Property(x => x.Terms).HasMaxLength(Text);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.DealId);
            e.HasIndex(x => new { x.CompanyId, x.CreatedAt });
            e.HasIndex(x => new { x.OwnerId, x.Status });
            e.HasOne(x => x.Deal).WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            // A quote is archived with its deal (and restored with it): the same filter as Deal's, so a quote of an
            // archived deal is a 404 rather than a quote whose deal cannot be read.
            e.HasQueryFilter(x => x.Deal!.DeletedAt == null);
        });
        m.Entity<QuoteLine>(e =>
        {
            Line(e);
            e.HasIndex(x => new { x.QuoteId, x.Position });
            e.HasOne<Quote>().WithMany(q => q.Lines).HasForeignKey(x => x.QuoteId).OnDelete(DeleteBehavior.Cascade);
        });
        m.Entity<Order>(e =>
        {
            e.ToTable("Orders");
            e.Property(x => x.Number).HasMaxLength(Short);
            e.Property(x => x.ExternalNumber).HasMaxLength(Short * 2);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(Short);
            e.Property(x => x.Version).IsConcurrencyToken();
            // NULLs never collide (EF filters the SQL Server index on NOT NULL).
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.ExternalNumber).IsUnique();
            e.HasIndex(x => x.QuoteId).IsUnique();
            e.HasIndex(x => new { x.OwnerId, x.OrderedOn });
            e.HasIndex(x => new { x.CompanyId, x.OrderedOn });
            e.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Quote>().WithMany().HasForeignKey(x => x.QuoteId).OnDelete(DeleteBehavior.Restrict);
        });
        m.Entity<OrderLine>(e =>
        {
            Line(e);
            e.HasIndex(x => new { x.OrderId, x.Position });
            e.HasOne<Order>().WithMany(o => o.Lines).HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        m.Entity<CommissionRule>(e =>
        {
            e.Property(x => x.Percent).HasPrecision(5, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.UserId, x.ValidFrom });
            e.HasIndex(x => new { x.TerritoryId, x.ValidFrom });
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProductFamily>().WithMany().HasForeignKey(x => x.ProductFamilyId).OnDelete(DeleteBehavior.Restrict);
        });
        m.Entity<CommissionTier>(e =>
        {
            e.Property(x => x.Percent).HasPrecision(5, 2);
            e.HasIndex(x => x.RuleId);
            e.HasOne<CommissionRule>().WithMany(r => r.Tiers).HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
        m.Entity<CommissionClosing>(e =>
        {
            e.HasIndex(x => new { x.UserId, x.Year, x.Month }).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.ClosedById).OnDelete(DeleteBehavior.Restrict);
        });
        m.Entity<FollowUp>(e =>
        {
            e.Property(x => x.Reason).HasMaxLength(Text);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.OwnerId, x.DoneAt, x.DueOn });
            e.HasIndex(x => new { x.CompanyId, x.DoneAt });
            e.HasIndex(x => x.DealId);
            e.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Deal).WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        });
        m.Entity<NumberSeries>(e => e.Property(x => x.Id).HasMaxLength(Short));
    }
}

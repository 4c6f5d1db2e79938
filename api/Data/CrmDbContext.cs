using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OutlookCrm.Api.Data;

// One model for every provider; each provider has its own derived context so that it has its own EF
// migrations and model snapshot (Data/Migrations/<Provider>/), the layout EF documents for several providers.
public abstract partial class CrmDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Territory> Territories => Set<Territory>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<ProductFamily> ProductFamilies => Set<ProductFamily>();
    public DbSet<CompanyProductFamily> CompanyProductFamilies => Set<CompanyProductFamily>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityContact> ActivityContacts => Set<ActivityContact>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<NoteAudio> NoteAudios => Set<NoteAudio>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<StageText> StageTexts => Set<StageText>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealStageChange> DealStageChanges => Set<DealStageChange>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<ChangeCounter> ChangeCounters => Set<ChangeCounter>();
    // The sales cycle (docs/sales.md).
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<QuoteLine> QuoteLines => Set<QuoteLine>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<CommissionRule> CommissionRules => Set<CommissionRule>();
    public DbSet<CommissionTier> CommissionTiers => Set<CommissionTier>();
    public DbSet<CommissionClosing> CommissionClosings => Set<CommissionClosing>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<NumberSeries> NumberSeries => Set<NumberSeries>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite hands DateTime back unspecified; every timestamp in the CRM is UTC.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        builder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder model) => CrmModel.Configure(model);

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

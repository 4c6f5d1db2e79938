using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Commissions;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Demo;
using OutlookCrm.Api.FollowUps;
using OutlookCrm.Api.Quotes;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Sales;

// The demo and the scale generator carry the sales cycle, consistent with its rules.
public abstract class SalesDemoDataTests
{
    protected abstract Provider Provider { get; }

    [TestMethod]
    public async Task TheDemoHasQuotesOrdersCommissionsAndFollowUpsThatObeyTheRules()
    {
        using var app = new CrmApp(Provider);
        app.CreateClient().Dispose();
        User rep;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await DemoData.SeedAsync(db, NullLogger.Instance);
            rep = await db.Users.AsNoTracking().OrderBy(u => u.Id).FirstAsync(u => u.Role == UserRole.Rep);
        }
        var (quotes, orders, accepted, badTotals, wonWithoutOrder, series) = app.WithDb(db =>
        {
            var all = db.Quotes.Include(q => q.Lines).AsNoTracking().ToList();
            return (all.Count, db.Orders.Count(), all.Count(q => q.Status == QuoteStatus.Accepted),
                all.Count(q => SalesLines.TotalsOf(q.Lines).InclVat != q.TotalInclVat),
                db.Deals.Count(d => d.Stage!.Kind == StageKind.Won && db.Quotes.Any(q => q.DealId == d.Id) && !db.Orders.Any(o => o.DealId == d.Id)),
                db.NumberSeries.AsNoTracking().ToList());
        });
        Assert.IsTrue(quotes > 10, $"{quotes} quotes");
        Assert.AreEqual(accepted, orders, "one order per accepted quote");
        Assert.AreEqual(0, badTotals, "demo totals follow SalesMath");
        Assert.AreEqual(0, wonWithoutOrder);
        Assert.IsTrue(series.Any(s => s.Id.StartsWith("Q-") && s.Last > 0), "the next quote continues the demo's numbering");

        var client = app.ClientFor(rep);
        var followUps = await (await client.GetAsync("/api/followups")).Read<FollowUpList>();
        Assert.IsTrue(followUps.Items.Count > 0 && followUps.Overdue > 0, "demo reps have follow-ups, some overdue");
        var month = app.WithDb(db => db.Orders.Where(o => o.OwnerId == rep.Id).OrderByDescending(o => o.OrderedOn).Select(o => o.OrderedOn).First());
        var statement = await (await client.GetAsync($"/api/commissions/statement?year={month.Year}&month={month.Month}")).Read<CommissionStatement>();
        Assert.IsTrue(statement.Commission > 0, "the demo's rules pay a commission on the demo's orders");
    }

    [TestMethod]
    public async Task TheGeneratorAddsQuotesAndOrdersForItsDeals()
    {
        using var app = new CrmApp(Provider);
        app.CreateClient().Dispose();
        using (var scope = app.Services.CreateScope())
            await DataGenerator.RunAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
                new DataGenerator.Size(Companies: 300, ContactsPerCompany: 1, ActivitiesPerCompany: 1, NotesPerCompany: 0, Reps: 3, Territories: 2), NullLogger.Instance);
        var (quotes, accepted, orders, totals, rules) = app.WithDb(db =>
        {
            var q = db.Quotes.AsNoTracking().ToList();
            var o = db.Orders.AsNoTracking().ToList();
            return (q.Count, q.Count(x => x.Status == QuoteStatus.Accepted), o.Count(x => x.Source == OrderSource.Quote),
                q.All(x => x.TotalInclVat == x.TotalExclVat + x.TotalVat && x.TotalVat == SalesMath.Cents(x.TotalExclVat * 0.2m)), db.CommissionRules.Count());
        });
        Assert.IsTrue(quotes > 0, $"{quotes} quotes");
        Assert.AreEqual(75, app.WithDb(db => db.Orders.Count(o => o.Source == OrderSource.Erp && o.OwnerId != null)), "an ERP order for every fourth of 300 customers");
        Assert.AreEqual(accepted, orders);
        Assert.IsTrue(totals, "generated totals read back as decimals with VAT at 20 %");
        Assert.AreEqual(2, rules);
    }
}

[TestClass] public sealed class SalesDemoDataOnSqlite : SalesDemoDataTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class SalesDemoDataOnPostgreSql : SalesDemoDataTests { protected override Provider Provider => Provider.PostgreSql; }

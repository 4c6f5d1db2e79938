using Microsoft.EntityFrameworkCore;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

// The card's statements run with PostgreSQL's generic plans. A prepared statement is planned again at every execution
// while PostgreSQL judges its generic plan costlier than the custom ones (plan_cache_mode = auto,
// https://www.postgresql.org/docs/15/sql-prepare.html#SQL-PREPARE-NOTES), and it did for the card at every lookup: the
// server log showed 1.6–3.8 ms in bind (planning) against 0.1–0.35 ms executing, per statement. Their generic plans
// seek the same indexes (0.06 ms to bind): the e-mails' b-trees, the children's (CompanyId, …) indexes, also with 50
// companies. SET LOCAL lasts until the end of this read-only transaction, so no other statement of the pooled
// connection is planned this way; the transaction is rolled back when disposed (it wrote nothing).
internal static class GenericPlans
{
    public static async Task<IAsyncDisposable?> BeginAsync(CrmDbContext db)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null) return null;
        var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_generic_plan");
        return transaction;
    }
}

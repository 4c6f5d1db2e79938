namespace OutlookCrm.Api.Lookup;

// The raw SQL below is built from constant fragments only; the user's term always goes in as a parameter.
#pragma warning disable EF1003

// What a typed search term matches: a name by substring, an e-mail or phone number by prefix. Each provider answers
// from its own indexes (the provider's migration "SearchIndexes"): pg_trgm GIN and text_pattern_ops b-trees on
// PostgreSQL, FTS5 trigram tables on SQLite; SQL Server seeks e-mail prefixes and scans names (docs/performance.md).
// Visibility is not decided here: the handlers filter these ids through VisibleTo as before.
internal static class Search
{
    public static IQueryable<long> CompanyIds(CrmDbContext db, string term)
    {
        var (sub, pre, escaped) = Patterns(term);
        if (db.Database.IsSqlite())
        {
            var esc = escaped ? " ESCAPE '\\'" : "";
            return db.Database.SqlQueryRaw<long>(
                $"SELECT rowid AS Value FROM CompanySearch WHERE Name LIKE {{0}}{esc} " +
                $"UNION SELECT rowid FROM CompanySearch WHERE Phone LIKE {{1}}{esc} " +
                $"UNION SELECT k.CompanyId FROM Contacts k WHERE k.Id IN (SELECT rowid FROM ContactSearch WHERE Email LIKE {{1}}{esc} " +
                $"UNION SELECT rowid FROM ContactSearch WHERE Email2 LIKE {{1}}{esc})", sub, pre);
        }
        return db.Companies.Where(c => EF.Functions.Like(c.Name.ToLower(), sub, "\\")).Select(c => c.Id)
            .Union(db.Companies.Where(c => EF.Functions.Like(c.Phone!, pre, "\\")).Select(c => c.Id))
            .Union(db.Contacts.Where(k => EF.Functions.Like(k.Email!, pre, "\\") || EF.Functions.Like(k.Email2!, pre, "\\")).Select(k => k.CompanyId));
    }

    public static IQueryable<Contact> Matching(this IQueryable<Contact> contacts, CrmDbContext db, string term)
    {
        var (sub, pre, escaped) = Patterns(term);
        if (db.Database.IsSqlite())
        {
            var esc = escaped ? " ESCAPE '\\'" : "";
            var ids = db.Database.SqlQueryRaw<long>(
                $"SELECT rowid AS Value FROM ContactSearch WHERE LastName LIKE {{0}}{esc} " +
                $"UNION SELECT rowid FROM ContactSearch WHERE FirstName LIKE {{0}}{esc} " +
                string.Concat(new[] { "Email", "Email2", "Phone", "Mobile" }.Select(col => $"UNION SELECT rowid FROM ContactSearch WHERE {col} LIKE {{1}}{esc} ")),
                sub, pre);
            return contacts.Where(k => ids.Contains(k.Id));
        }
        return contacts.Where(k => EF.Functions.Like(k.LastName.ToLower(), sub, "\\") || EF.Functions.Like(k.FirstName!.ToLower(), sub, "\\")
            || EF.Functions.Like(k.Email!, pre, "\\") || EF.Functions.Like(k.Email2!, pre, "\\")
            || EF.Functions.Like(k.Phone!, pre, "\\") || EF.Functions.Like(k.Mobile!, pre, "\\"));
    }

    // LIKE patterns of a lower-cased term, its own wildcards escaped ('[' is one on SQL Server).
    internal static (string Substring, string Prefix, bool Escaped) Patterns(string term)
    {
        var lower = term.Trim().ToLowerInvariant();
        var escaped = lower.IndexOfAny(['\\', '%', '_', '[']) >= 0;
        var safe = escaped ? lower.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[") : lower;
        return ($"%{safe}%", $"{safe}%", escaped);
    }
}

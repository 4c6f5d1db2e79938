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
                "UNION SELECT Id FROM Companies WHERE Phone GLOB {1} " +
                "UNION SELECT CompanyId FROM Contacts WHERE Email GLOB {1} UNION SELECT CompanyId FROM Contacts WHERE Email2 GLOB {1}",
                sub, Glob(term));
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
                string.Concat(new[] { "Email", "Email2", "Phone", "Mobile" }.Select(col => $"UNION SELECT Id FROM Contacts WHERE {col} GLOB {{1}} ")),
                sub, Glob(term));
            return contacts.Where(k => ids.Contains(k.Id));
        }
        return contacts.Where(k => EF.Functions.Like(k.LastName.ToLower(), sub, "\\") || EF.Functions.Like(k.FirstName!.ToLower(), sub, "\\")
            || EF.Functions.Like(k.Email!, pre, "\\") || EF.Functions.Like(k.Email2!, pre, "\\")
            || EF.Functions.Like(k.Phone!, pre, "\\") || EF.Functions.Like(k.Mobile!, pre, "\\"));
    }

    // SQLite: a prefix as GLOB, which is case-sensitive like PostgreSQL's LIKE and so seeks the columns' b-tree indexes
    // (e-mails are stored lower-case); through the FTS5 trigram tables a phone prefix such as "+33 1 0001" read every
    // row holding its common trigrams: 108 ms against 3 ms at 100,000 contacts. Its own *, ? and [ are literal.
    internal static string Glob(string term)
    {
        var lower = term.Trim().ToLowerInvariant();
        var safe = new System.Text.StringBuilder(lower.Length + 1);
        foreach (var ch in lower) safe.Append(ch is '*' or '?' or '[' ? $"[{ch}]" : ch.ToString());
        return safe.Append('*').ToString();
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

namespace OutlookCrm.Api.Lookup;

// The raw SQL below is built from constant fragments only; the user's term always goes in as a parameter.
#pragma warning disable EF1003

// What a typed search term matches: a name by substring, an e-mail or phone number by prefix. Each provider answers
// from its own indexes (the provider's migration "SearchIndexes"): pg_trgm GIN and text_pattern_ops b-trees on
// PostgreSQL, FTS5 trigram tables on SQLite; SQL Server seeks e-mail prefixes and scans names (docs/performance.md).
// Visibility is not decided here: the handlers filter these ids through VisibleTo as before.
// On SQLite the id branches are UNION ALL: the ids only feed an IN, which keeps each once; UNION sorted them once more
// first (a common name's 8,334 ids: 2.5 → 1.7 ms of CPU for the whole statement in the sqlite3 CLI).
internal static class Search
{
    // The ids of the companies among `filtered` (visible, status, keyset…) that match, at most `take` of each kind, in no
    // order and possibly twice (a name and a phone can both match): the handler orders them and reads those companies
    // by key. On PostgreSQL and SQL Server the name match is a branch of its own, so that the planner chooses per term:
    // the trigram index for a rare name, the visible companies in id order for a common one. As one branch of a union
    // of ids, a name part that a twelfth of 200,000 companies share read 16,667 rows back from the heap to keep 51
    // (docs/performance.md).
    public static IQueryable<long> MatchingIds(this IQueryable<Company> filtered, CrmDbContext db, string term, int take)
    {
        var (sub, pre, escaped) = Patterns(term);
        if (db.Database.IsSqlite())
        {
            var (names, value) = TrigramNames("CompanySearch", "Name", term, sub, escaped);
            var ids = db.Database.SqlQueryRaw<long>(
                names +
                "UNION ALL SELECT Id FROM Companies WHERE Phone GLOB {1} " +
                "UNION ALL SELECT CompanyId FROM Contacts WHERE Email GLOB {1} UNION ALL SELECT CompanyId FROM Contacts WHERE Email2 GLOB {1}",
                value, Glob(term));
            return filtered.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Id).Take(take);
        }
        var numbersAndAddresses = db.Companies.Where(c => EF.Functions.Like(c.Phone!, pre, "\\")).Select(c => c.Id)
            .Union(db.Contacts.Where(k => EF.Functions.Like(k.Email!, pre, "\\") || EF.Functions.Like(k.Email2!, pre, "\\")).Select(k => k.CompanyId));
        var byName = filtered.Where(c => EF.Functions.Like(c.Name.ToLower(), sub, "\\")).OrderBy(c => c.Id).Select(c => c.Id).Take(take);
        var byOther = filtered.Where(c => numbersAndAddresses.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Id).Take(take);
        return byName.Concat(byOther);
    }

    public static IQueryable<Contact> Matching(this IQueryable<Contact> contacts, CrmDbContext db, string term)
    {
        var (sub, pre, escaped) = Patterns(term);
        if (db.Database.IsSqlite())
        {
            var (names, value) = TrigramNames("ContactSearch", "{LastName FirstName}", term, sub, escaped);
            var ids = db.Database.SqlQueryRaw<long>(
                names +
                string.Concat(new[] { "Email", "Email2", "Phone", "Mobile" }.Select(col => $"UNION ALL SELECT Id FROM Contacts WHERE {col} GLOB {{1}} ")),
                value, Glob(term));
            return contacts.Where(k => ids.Contains(k.Id));
        }
        return contacts.Where(k => EF.Functions.Like(k.LastName.ToLower(), sub, "\\") || EF.Functions.Like(k.FirstName!.ToLower(), sub, "\\")
            || EF.Functions.Like(k.Email!, pre, "\\") || EF.Functions.Like(k.Email2!, pre, "\\")
            || EF.Functions.Like(k.Phone!, pre, "\\") || EF.Functions.Like(k.Mobile!, pre, "\\"));
    }

    // SQLite: a name substring from the FTS5 trigram table. From three characters on, a MATCH of the term as one phrase:
    // the trigram tokenizer matches it as a substring, case-insensitively, from the index alone (a common name among
    // 100,000 contacts: 4 ms, against 24 ms for LIKE, which reads every candidate row back to check it). Shorter terms
    // have no trigram, so LIKE scans (https://sqlite.org/fts5.html#the_trigram_tokenizer). Inside the quotes every
    // character is literal; a quote is doubled.
    private static (string Sql, string Value) TrigramNames(string table, string columns, string term, string like, bool escaped)
    {
        var trimmed = term.Trim();
        if (trimmed.EnumerateRunes().Count() >= 3)
            return ($"SELECT rowid AS Value FROM {table} WHERE {table} MATCH {{0}} ", $"{columns} : \"{trimmed.Replace("\"", "\"\"")}\"");
        var esc = escaped ? " ESCAPE '\\'" : "";
        var where = string.Join(" OR ", columns.Trim('{', '}').Split(' ').Select(c => $"{c} LIKE {{0}}{esc}"));
        return ($"SELECT rowid AS Value FROM {table} WHERE {where} ", like);
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

using System.Globalization;

namespace OutlookCrm.Api.Quality;

// Probable duplicates among the records the caller may see: same phone number (compared in E.164), same e-mail
// (contacts), similar names (accents and ligatures folded) in the same postal code (companies) or the same company /
// postal code (contacts). Computed in memory from a narrow projection, bucketed so only records sharing a key are
// compared. Keyset-paged, strongest first: `after` is the `next` of the previous page.
internal static class Duplicates
{
    public const int MaxPairs = 500;

    public static async Task<Ok<DuplicatePage>> Companies(CrmDbContext db, Caller caller, int? limit, string? after)
    {
        var rows = await db.Companies.AsNoTracking().VisibleTo(caller)
            .Select(c => new { c.Id, c.Name, c.PostalCode, c.City, c.Phone }).ToListAsync();
        var found = new Findings();
        foreach (var group in rows.Select(r => (r.Id, Key: Phones.E164(r.Phone), r.Phone)).Where(r => r.Key is not null).GroupBy(r => r.Key))
            found.AllPairs(group.Select(r => r.Id), "same phone " + group.First().Phone);
        foreach (var place in rows.Where(r => !string.IsNullOrWhiteSpace(r.PostalCode)).GroupBy(r => r.PostalCode!.Replace(" ", "")))
            found.SimilarNames(place.Select(r => (r.Id, Similarity.NameKey(r.Name))), $"similar names in {place.Key}");
        var byId = rows.ToDictionary(r => r.Id, r => new DuplicateRecord(r.Id, r.Name, string.Join(" ", new[] { r.PostalCode, r.City }.Where(x => x != null))));
        return TypedResults.Ok(found.Page(RecordKind.Company, byId, limit, after));
    }

    public static async Task<Ok<DuplicatePage>> Contacts(CrmDbContext db, Caller caller, int? limit, string? after)
    {
        var rows = await db.Contacts.AsNoTracking().VisibleTo(db, caller).Select(k => new
        {
            k.Id, k.FirstName, k.LastName, k.Email, k.Email2, k.Phone, k.Mobile, k.CompanyId, CompanyName = k.Company!.Name, k.Company.PostalCode,
        }).ToListAsync();
        var found = new Findings();
        var companyOf = rows.ToDictionary(r => r.Id, r => r.CompanyId);
        foreach (var group in rows.SelectMany(r => new[] { r.Email, r.Email2 }.OfType<string>().Distinct().Select(e => (e, r.Id))).GroupBy(x => x.e))
            found.AllPairs(group.Select(x => x.Id), "same e-mail " + group.Key);
        // Colleagues share a switchboard: a number shared inside one company is not evidence, only across companies.
        foreach (var group in rows.SelectMany(r => new[] { r.Phone, r.Mobile }.Select(Phones.E164).OfType<string>().Distinct().Select(p => (p, r.Id)))
                     .GroupBy(x => x.p))
            found.AllPairs(group.Select(x => x.Id), "same phone number", (a, b) => companyOf[a] != companyOf[b]);
        foreach (var place in rows.GroupBy(r => r.PostalCode is { Length: > 0 } p ? "pc:" + p.Replace(" ", "") : "co:" + r.CompanyId))
            found.SimilarNames(place.Select(r => (r.Id, Similarity.NameKey($"{r.FirstName} {r.LastName}"))), "similar names at the same place");
        var byId = rows.ToDictionary(r => r.Id, r => new DuplicateRecord(r.Id, $"{r.FirstName} {r.LastName}".Trim(), r.CompanyName));
        return TypedResults.Ok(found.Page(RecordKind.Contact, byId, limit, after));
    }

    private sealed class Findings
    {
        private readonly Dictionary<(long, long), List<string>> reasons = [];

        public void Add(long a, long b, string reason)
        {
            var key = a < b ? (a, b) : (b, a);
            if (!reasons.TryGetValue(key, out var list)) reasons[key] = list = [];
            if (!list.Contains(reason)) list.Add(reason);
        }

        // A shared key held by very many records is a placeholder (a switchboard, "info@"), not a duplicate.
        public void AllPairs(IEnumerable<long> ids, string reason, Func<long, long, bool>? counts = null)
        {
            var list = ids.Distinct().ToList();
            if (list.Count > 20) return;
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if (counts is null || counts(list[i], list[j])) Add(list[i], list[j], reason);
        }

        // Sorted neighbourhood: within a place, each name is compared with the next few in alphabetical order, and again
        // with the names sorted from their end (a typo in the first letters). Linear, so 20,000 contacts in one town
        // stay far from the 200 million comparisons of every pair.
        public void SimilarNames(IEnumerable<(long Id, string Key)> records, string reason, int window = 8)
        {
            var keyed = records.Where(r => r.Key.Length >= 3).ToList();
            foreach (var order in new[] { keyed.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
                         keyed.OrderBy(r => new string(r.Key.Reverse().ToArray()), StringComparer.Ordinal).ToList() })
                for (var i = 0; i < order.Count; i++)
                    for (var j = i + 1; j < order.Count && j <= i + window; j++)
                        if (Similarity.SimilarNames(order[i].Key, order[j].Key)) Add(order[i].Id, order[j].Id, reason);
        }

        public DuplicatePage Page(RecordKind kind, Dictionary<long, DuplicateRecord> byId, int? limit, string? after)
        {
            var size = Limit.Check(limit, 100, MaxPairs);
            var (count, first, second) = Cursor(after);
            var page = reasons.Where(kv => after is null || kv.Value.Count < count
                    || (kv.Value.Count == count && (kv.Key.Item1 > first || (kv.Key.Item1 == first && kv.Key.Item2 > second))))
                .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).Take(size + 1).ToList();
            var last = page.Count > size ? page[size - 1] : (KeyValuePair<(long, long), List<string>>?)null;
            return new DuplicatePage([.. page.Take(size).Select(kv => new DuplicatePair(kind, byId[kv.Key.Item1], byId[kv.Key.Item2], kv.Value))],
                last is { } l ? $"{l.Value.Count}.{l.Key.Item1}.{l.Key.Item2}" : null);
        }

        private static (int Count, long First, long Second) Cursor(string? after)
        {
            if (after is null) return (0, 0, 0);
            var parts = after.Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                return (c, a, b);
            throw CrmProblem.Invalid("after", "after is the 'next' value of the previous page.");
        }
    }
}

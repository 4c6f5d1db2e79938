namespace OutlookCrm.Api.Quality;

// Probable duplicates among the records the caller may see: same phone number, same e-mail (contacts),
// similar names in the same postal code (companies) or the same company / postal code (contacts).
// Computed in memory from a narrow projection, bucketed so only records sharing a key are compared.
internal static class Duplicates
{
    public const int MaxPairs = 500;

    public static async Task<Ok<List<DuplicatePair>>> Companies(CrmDbContext db, Caller caller, int? limit)
    {
        var rows = await db.Companies.AsNoTracking().VisibleTo(caller)
            .Select(c => new { c.Id, c.Name, c.PostalCode, c.City, c.Phone }).ToListAsync();
        var found = new Findings();
        foreach (var group in rows.Where(r => Similarity.PhoneKey(r.Phone) is not null).GroupBy(r => Similarity.PhoneKey(r.Phone)))
            found.AllPairs(group.Select(r => r.Id), "same phone " + group.First().Phone);
        foreach (var place in rows.Where(r => !string.IsNullOrWhiteSpace(r.PostalCode)).GroupBy(r => r.PostalCode!.Replace(" ", "")))
        {
            var keyed = place.Select(r => (r.Id, Key: Similarity.NameKey(r.Name))).ToList();
            for (var i = 0; i < keyed.Count; i++)
                for (var j = i + 1; j < keyed.Count; j++)
                    if (Similarity.SimilarNames(keyed[i].Key, keyed[j].Key)) found.Add(keyed[i].Id, keyed[j].Id, $"similar names in {place.Key}");
        }
        var byId = rows.ToDictionary(r => r.Id, r => new DuplicateRecord(r.Id, r.Name, string.Join(" ", new[] { r.PostalCode, r.City }.Where(x => x != null))));
        return TypedResults.Ok(found.Pairs(RecordKind.Company, byId, limit));
    }

    public static async Task<Ok<List<DuplicatePair>>> Contacts(CrmDbContext db, Caller caller, int? limit)
    {
        var rows = await db.Contacts.AsNoTracking().VisibleTo(db, caller).Select(k => new
        {
            k.Id, k.FirstName, k.LastName, k.Email, k.Email2, k.Phone, k.Mobile, k.CompanyId, CompanyName = k.Company!.Name, k.Company.PostalCode,
        }).ToListAsync();
        var found = new Findings();
        foreach (var group in rows.SelectMany(r => new[] { r.Email, r.Email2 }.OfType<string>().Distinct().Select(e => (e, r.Id))).GroupBy(x => x.e))
            found.AllPairs(group.Select(x => x.Id), "same e-mail " + group.Key);
        foreach (var group in rows.SelectMany(r => new[] { r.Phone, r.Mobile }.Select(Similarity.PhoneKey).OfType<string>().Distinct().Select(p => (p, r.Id)))
                     .GroupBy(x => x.p))
            found.AllPairs(group.Select(x => x.Id), "same phone number");
        foreach (var place in rows.GroupBy(r => r.PostalCode is { Length: > 0 } p ? "pc:" + p.Replace(" ", "") : "co:" + r.CompanyId))
        {
            var keyed = place.Select(r => (r.Id, Key: Similarity.NameKey($"{r.FirstName} {r.LastName}"))).ToList();
            for (var i = 0; i < keyed.Count; i++)
                for (var j = i + 1; j < keyed.Count; j++)
                    if (Similarity.SimilarNames(keyed[i].Key, keyed[j].Key)) found.Add(keyed[i].Id, keyed[j].Id, "similar names at the same place");
        }
        var byId = rows.ToDictionary(r => r.Id, r => new DuplicateRecord(r.Id, $"{r.FirstName} {r.LastName}".Trim(), r.CompanyName));
        return TypedResults.Ok(found.Pairs(RecordKind.Contact, byId, limit));
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
        public void AllPairs(IEnumerable<long> ids, string reason)
        {
            var list = ids.Distinct().ToList();
            if (list.Count > 20) return;
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++) Add(list[i], list[j], reason);
        }

        public List<DuplicatePair> Pairs(RecordKind kind, Dictionary<long, DuplicateRecord> byId, int? limit) => reasons
            .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2)
            .Take(Math.Clamp(limit ?? 100, 1, MaxPairs))
            .Select(kv => new DuplicatePair(kind, byId[kv.Key.Item1], byId[kv.Key.Item2], kv.Value)).ToList();
    }
}

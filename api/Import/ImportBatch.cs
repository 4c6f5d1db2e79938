using OutlookCrm.Api.Contacts;
using F = OutlookCrm.Api.Import.ImportField;

namespace OutlookCrm.Api.Import;

// The records a batch of lines can touch, read in a handful of queries (by key, name, e-mail, namesakes, notes),
// tracked or not (with bulk inserts, ImportInserts attaches only what a line changes). Each line's lookups are answered here as the database would answer them had the previous lines been saved:
// live records only, lowest id first, records created by the batch last; the indexes follow every change a line makes.
internal sealed class ImportBatch
{
    private readonly Dictionary<string, List<Company>> companiesByKey = [], companiesByName = [];
    private readonly Dictionary<long, Company> companiesById = [];
    private readonly Dictionary<long, Contact> contactsById = [];
    private readonly Dictionary<string, List<Contact>> contactsByKey = [], contactsByEmail = [];
    private readonly Dictionary<Company, List<Contact>> contactsOf = [];
    private readonly Dictionary<Contact, Company> companyOf = [];
    private readonly HashSet<(long, string)> savedNotes = [];
    private readonly HashSet<(Company, string)> newNotes = [];
    // Entities compare by reference: the order of a loaded record is its id, of a new one after every id.
    private readonly Dictionary<object, long> order = [];
    private long created = long.MaxValue / 2;

    public static async Task<ImportBatch> LoadAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, bool tracked, CancellationToken ct)
    {
        var batch = new ImportBatch();
        // Each list goes as one array parameter (json_each in SQLite, = ANY in PostgreSQL): EF Core 10 would otherwise send a
        // parameter per value, a thousand per query, which SQLite binds by name one after the other. Each query is a plain
        // index lookup with no other condition that walks an array: PostgreSQL compares `column = ANY($1)` of a prepared
        // statement by walking the array for every row it filters (only a literal array is hashed), so the nullable
        // columns say `IS NOT NULL` (else EF adds an `OR column IS NULL` that turns the lookup into a filtered bitmap scan)
        // and a record read twice is dropped here rather than excluded by the query. A lookup a line cannot reach is not
        // read: a line finds its company by name only when no company has its key, and its contact among the namesakes only
        // when neither the contact's key nor the e-mail found it. Untracked reads return a record once per query: the batch
        // keeps the first copy of each (by id).
        var allCompanies = tracked ? db.Companies : db.Companies.AsNoTracking();
        var companies = allCompanies.Where(c => c.DeletedAt == null);
        var companyKeys = Values(rows, F.CompanyKey);
        if (companyKeys.Count > 0)
            batch.Loaded(await companies.Where(c => c.ExternalKey != null && EF.Parameter(companyKeys).Contains(c.ExternalKey)).ToListAsync(ct));
        var names = rows.Where(r => r[F.CompanyKey] is not { } key || !batch.companiesByKey.ContainsKey(key))
            .Select(r => r[F.CompanyName]).OfType<string>().Distinct().ToList();
        if (names.Count > 0) batch.Loaded(await companies.Where(c => EF.Parameter(names).Contains(c.Name)).ToListAsync(ct));

        var contacts = (tracked ? db.Contacts : db.Contacts.AsNoTracking()).Where(k => k.DeletedAt == null);
        var contactKeys = Values(rows, F.ContactKey);
        var keyed = contactKeys.Count > 0
            ? await contacts.Where(k => k.ExternalKey != null && EF.Parameter(contactKeys).Contains(k.ExternalKey)).ToListAsync(ct) : [];
        var found = new List<Contact>(keyed);
        // Every e-mail of the file: a new address must be nobody else's, even on a line whose contact was found by key.
        var emails = rows.Select(r => ContactProjection.NormalizeEmail(r[F.Email])).OfType<string>().Distinct().ToList();
        if (emails.Count > 0)
        {
            found.AddRange(await contacts.Where(k => k.Email != null && EF.Parameter(emails).Contains(k.Email)).ToListAsync(ct));
            found.AddRange(await contacts.Where(k => k.Email2 != null && EF.Parameter(emails).Contains(k.Email2)).ToListAsync(ct));
        }
        // A known contact names their company (archived ones too: the line must not move them).
        var theirs = found.Select(k => k.CompanyId).Where(id => !batch.companiesById.ContainsKey(id)).Distinct().ToList();
        if (theirs.Count > 0) batch.Loaded(await allCompanies.Where(c => EF.Parameter(theirs).Contains(c.Id)).ToListAsync(ct));
        var ids = batch.companiesById.Keys.ToList();
        // A contact found by key keeps that key, and one found by e-mail keeps that address unless a line finds it by key
        // and gives another: only then could a line's address stop finding its contact and leave it to the namesakes.
        var foundKeys = keyed.Select(k => k.ExternalKey).OfType<string>().ToHashSet();
        var foundEmails = keyed.Count > 0 ? [] : found.SelectMany(k => new[] { k.Email, k.Email2 }).OfType<string>().ToHashSet();
        var lastNames = rows.Where(r => (r[F.ContactKey] is not { } key || !foundKeys.Contains(key))
                && (ContactProjection.NormalizeEmail(r[F.Email]) is not { } email || !foundEmails.Contains(email)))
            .Select(r => r[F.LastName]).OfType<string>().Distinct().ToList();
        if (ids.Count > 0 && lastNames.Count > 0)
            found.AddRange(await contacts.Where(k => EF.Parameter(ids).Contains(k.CompanyId) && EF.Parameter(lastNames).Contains(k.LastName)).ToListAsync(ct));
        foreach (var k in found.OrderBy(k => k.Id)) batch.Loaded(k);
        var texts = Values(rows, F.Note);
        if (ids.Count > 0 && texts.Count > 0)
            foreach (var n in await db.Notes.AsNoTracking().Where(n => EF.Parameter(ids).Contains(n.CompanyId) && EF.Parameter(texts).Contains(n.Text)).Select(n => new { n.CompanyId, n.Text }).ToListAsync(ct))
                batch.savedNotes.Add((n.CompanyId, n.Text));
        return batch;
    }

    private static List<string> Values(IEnumerable<ImportRow> rows, F field) => rows.Select(r => r[field]).OfType<string>().Distinct().ToList();

    public Company? CompanyByKey(string key) => companiesByKey.GetValueOrDefault(key)?.FirstOrDefault();

    public IReadOnlyList<Company> CompaniesNamed(string name) => companiesByName.GetValueOrDefault(name) ?? [];

    public Contact? ContactByKey(string key) => contactsByKey.GetValueOrDefault(key)?.FirstOrDefault();

    // First or second address.
    public Contact? ContactByEmail(string email) => contactsByEmail.GetValueOrDefault(email)?.FirstOrDefault();

    public bool AddressKnown(string email, Contact? except) => contactsByEmail.GetValueOrDefault(email)?.Any(k => k != except) == true;

    public IEnumerable<Contact> ContactsOf(Company company) => contactsOf.GetValueOrDefault(company) ?? [];

    public Company CompanyOf(Contact contact) => companyOf[contact];

    public bool HasNote(Company company, string text) => (company.Id != 0 && savedNotes.Contains((company.Id, text))) || newNotes.Contains((company, text));

    public void Add(Company company)
    {
        order[company] = created++;
        contactsOf[company] = [];
        Index(company);
    }

    public void Add(Contact contact, Company company)
    {
        order[contact] = created++;
        companyOf[contact] = company;
        contactsOf[company].Add(contact);
        Index(contact);
    }

    public void AddNote(Company company, string text) => newNotes.Add((company, text));

    // A change can move a record between keys, names and addresses: it leaves its index entries and comes back.
    public void Change(Company company, Action change)
    {
        Unindex(company);
        change();
        Index(company);
    }

    public void Change(Contact contact, Action change)
    {
        Unindex(contact);
        change();
        Index(contact);
    }

    private void Loaded(List<Company> companies)
    {
        foreach (var c in companies.OrderBy(c => c.Id))
        {
            if (companiesById.ContainsKey(c.Id) || !order.TryAdd(c, c.Id)) continue;
            companiesById[c.Id] = c;
            contactsOf[c] = [];
            Index(c);
        }
    }

    private void Loaded(Contact k)
    {
        if (!contactsById.TryAdd(k.Id, k) || !order.TryAdd(k, k.Id)) return;
        var company = companiesById[k.CompanyId];
        companyOf[k] = company;
        Insert(contactsOf[company], k);
        Index(k);
    }

    private void Index(Company c)
    {
        if (c.DeletedAt is not null) return;
        if (c.ExternalKey is { } key) Insert(companiesByKey, key, c);
        Insert(companiesByName, c.Name, c);
    }

    private void Unindex(Company c)
    {
        if (c.ExternalKey is { } key) companiesByKey.GetValueOrDefault(key)?.Remove(c);
        companiesByName.GetValueOrDefault(c.Name)?.Remove(c);
    }

    private void Index(Contact k)
    {
        if (k.DeletedAt is not null) return;
        if (k.ExternalKey is { } key) Insert(contactsByKey, key, k);
        if (k.Email is { } email) Insert(contactsByEmail, email, k);
        if (k.Email2 is { } email2 && email2 != k.Email) Insert(contactsByEmail, email2, k);
    }

    private void Unindex(Contact k)
    {
        if (k.ExternalKey is { } key) contactsByKey.GetValueOrDefault(key)?.Remove(k);
        if (k.Email is { } email) contactsByEmail.GetValueOrDefault(email)?.Remove(k);
        if (k.Email2 is { } email2) contactsByEmail.GetValueOrDefault(email2)?.Remove(k);
    }

    private void Insert<T>(Dictionary<string, List<T>> index, string value, T record) where T : class
    {
        if (!index.TryGetValue(value, out var list)) index[value] = list = [];
        Insert(list, record);
    }

    private void Insert<T>(List<T> list, T record) where T : class
    {
        var at = list.FindIndex(x => order[x] > order[record]);
        list.Insert(at < 0 ? list.Count : at, record);
    }
}

// Records counted or remembered for the whole file by id. A record the current batch creates has no id until the
// batch is saved: it is held by reference until Saved moves it over.
internal sealed class RecordSet<T>(Func<T, long> idOf) where T : class
{
    private readonly Dictionary<long, int> saved = [];
    private readonly Dictionary<T, int> pending = [];

    public int Count => saved.Count + pending.Count;

    public bool Contains(T record) => TryGetValue(record, out _);

    public bool TryGetValue(T record, out int value) =>
        idOf(record) is var id && id != 0 ? saved.TryGetValue(id, out value) : pending.TryGetValue(record, out value);

    public bool TryAdd(T record, int value = 0) => idOf(record) is var id && id != 0 ? saved.TryAdd(id, value) : pending.TryAdd(record, value);

    public void Remove(T record)
    {
        if (idOf(record) is var id && id != 0) saved.Remove(id);
        else pending.Remove(record);
    }

    public void Saved()
    {
        foreach (var (record, value) in pending) saved.TryAdd(idOf(record), value);
        pending.Clear();
    }
}

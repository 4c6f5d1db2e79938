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
        var companyKeys = Values(rows, F.CompanyKey);
        var names = Values(rows, F.CompanyName);
        var contactKeys = Values(rows, F.ContactKey);
        var emails = rows.Select(r => ContactProjection.NormalizeEmail(r[F.Email])).OfType<string>().Distinct().ToList();
        var lastNames = Values(rows, F.LastName);
        var texts = Values(rows, F.Note);

        // Each list goes as one array parameter (json_each in SQLite, = ANY in PostgreSQL): EF Core 10 would otherwise send a
        // parameter per value, a thousand per query, which SQLite binds by name one after the other.
        // Untracked reads return a record once per query: the batch keeps the first copy of each (by id).
        var allCompanies = tracked ? db.Companies : db.Companies.AsNoTracking();
        var companies = allCompanies.Where(c => c.DeletedAt == null);
        if (companyKeys.Count > 0) batch.Loaded(await companies.Where(c => EF.Parameter(companyKeys).Contains(c.ExternalKey!)).ToListAsync(ct));
        // Each later query leaves out the records already read (the same rows would be read and built again).
        if (names.Count > 0) batch.Loaded(await Unread(companies.Where(c => EF.Parameter(names).Contains(c.Name)), [.. batch.companiesById.Keys]).ToListAsync(ct));
        var contacts = (tracked ? db.Contacts : db.Contacts.AsNoTracking()).Where(k => k.DeletedAt == null);
        var found = new List<Contact>();
        if (contactKeys.Count > 0) found.AddRange(await contacts.Where(k => EF.Parameter(contactKeys).Contains(k.ExternalKey!)).ToListAsync(ct));
        if (emails.Count > 0)
        {
            found.AddRange(await Unread(contacts.Where(k => EF.Parameter(emails).Contains(k.Email!)), [.. found.Select(k => k.Id)]).ToListAsync(ct));
            found.AddRange(await Unread(contacts.Where(k => EF.Parameter(emails).Contains(k.Email2!)), [.. found.Select(k => k.Id)]).ToListAsync(ct));
        }
        // A known contact names their company (archived ones too: the line must not move them).
        var theirs = found.Select(k => k.CompanyId).Where(id => !batch.companiesById.ContainsKey(id)).Distinct().ToList();
        if (theirs.Count > 0) batch.Loaded(await allCompanies.Where(c => EF.Parameter(theirs).Contains(c.Id)).ToListAsync(ct));
        var ids = batch.companiesById.Keys.ToList();
        if (ids.Count > 0 && lastNames.Count > 0)
            found.AddRange(await Unread(contacts.Where(k => EF.Parameter(ids).Contains(k.CompanyId) && EF.Parameter(lastNames).Contains(k.LastName)),
                [.. found.Select(k => k.Id)]).ToListAsync(ct));
        foreach (var k in found.OrderBy(k => k.Id)) batch.Loaded(k);
        if (ids.Count > 0 && texts.Count > 0)
            foreach (var n in await db.Notes.AsNoTracking().Where(n => EF.Parameter(ids).Contains(n.CompanyId) && EF.Parameter(texts).Contains(n.Text)).Select(n => new { n.CompanyId, n.Text }).ToListAsync(ct))
                batch.savedNotes.Add((n.CompanyId, n.Text));
        return batch;
    }

    private static IQueryable<Company> Unread(IQueryable<Company> query, List<long> read) =>
        read.Count == 0 ? query : query.Where(c => !EF.Parameter(read).Contains(c.Id));

    private static IQueryable<Contact> Unread(IQueryable<Contact> query, List<long> read) =>
        read.Count == 0 ? query : query.Where(k => !EF.Parameter(read).Contains(k.Id));

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

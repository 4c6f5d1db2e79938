using System.Linq.Expressions;
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

        // Three queries: the companies, the contacts, the notes. Each list goes as one array parameter (json_each in SQLite,
        // unnest in PostgreSQL) joined to the indexed column: EF Core 10 would otherwise send a parameter per value, a
        // thousand per query, which SQLite binds by name one after the other; and PostgreSQL compares `column = ANY($1)`
        // of a prepared statement by walking the array for every row it checks (only a literal array is hashed), which
        // made the batch reads of a re-import wait on the server. Each record comes once, whichever lists name it.
        var companies = db.Companies.Where(c => c.DeletedAt == null);
        var contacts = db.Contacts.Where(k => k.DeletedAt == null);
        var named = new List<IQueryable<Contact>>();
        if (contactKeys.Count > 0) named.Add(On(contacts, k => k.ExternalKey!, contactKeys));
        if (emails.Count > 0)
        {
            named.Add(On(contacts, k => k.Email!, emails));
            named.Add(On(contacts, k => k.Email2!, emails));
        }
        // The companies named by the lines, and those of the contacts the lines name (archived ones too: the line must not move them).
        var companyIds = named.Select(q => q.Select(k => k.CompanyId)).ToList();
        if (companyKeys.Count > 0) companyIds.Add(On(companies, c => c.ExternalKey!, companyKeys).Select(c => c.Id));
        if (names.Count > 0) companyIds.Add(On(companies, c => c.Name, names).Select(c => c.Id));
        if (companyIds.Count == 0) return batch;
        var union = Union(companyIds);
        batch.Loaded(await (tracked ? db.Companies : db.Companies.AsNoTracking()).Where(c => union.Contains(c.Id)).ToListAsync(ct));
        var ids = batch.companiesById.Keys.ToList();
        // The namesakes in those companies.
        if (ids.Count > 0 && lastNames.Count > 0)
            named.Add(On(contacts.Where(k => EF.Parameter(ids).Contains(k.CompanyId)), k => k.LastName, lastNames));
        var contactIds = named.Select(q => q.Select(k => k.Id)).ToList();
        if (contactIds.Count > 0)
        {
            var read = Union(contactIds);
            foreach (var k in (await (tracked ? db.Contacts : db.Contacts.AsNoTracking()).Where(k => read.Contains(k.Id)).ToListAsync(ct)).OrderBy(k => k.Id))
                batch.Loaded(k);
        }
        if (ids.Count > 0 && texts.Count > 0)
            foreach (var n in await On(db.Notes.AsNoTracking().Where(n => EF.Parameter(ids).Contains(n.CompanyId)), n => n.Text, texts)
                         .Select(n => new { n.CompanyId, n.Text }).ToListAsync(ct))
                batch.savedNotes.Add((n.CompanyId, n.Text));
        return batch;
    }

    // The records whose column equals one of the values: a join to the values as one array parameter (unnest, json_each),
    // which Queryable.Join cannot be given directly (it would take the list as constants).
    private static IQueryable<T> On<T>(IQueryable<T> records, Expression<Func<T, string>> column, List<string> values)
    {
        Expression<Func<List<string>>> parameter = () => EF.Parameter(values);
        Expression<Func<string, string>> value = v => v;
        Expression<Func<T, string, T>> record = (r, v) => r;
        return records.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), nameof(Queryable.Join), [typeof(T), typeof(string), typeof(string), typeof(T)],
            records.Expression, parameter.Body, Expression.Quote(column), Expression.Quote(value), Expression.Quote(record)));
    }

    private static IQueryable<long> Union(List<IQueryable<long>> parts) => parts.Skip(1).Aggregate(parts[0], (all, part) => all.Union(part));

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

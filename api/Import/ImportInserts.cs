using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using OutlookCrm.Api.Demo;

namespace OutlookCrm.Api.Import;

// Where a batch's new companies, contacts and notes go. On SQLite and PostgreSQL they are written by bulk copy, as the
// `generate` verb writes (a prepared INSERT, binary COPY), inside the import's transaction: EF Core only saves the
// records a line changed, which the batch reads untracked and attaches when a line changes them. What SaveChanges does
// for an insert is done here the same way: keys taken from the tables' own key generators before the write (contacts
// and notes point to their new companies), ChangeSeq stamped from the change counter and UpdatedAt set for every new
// company and contact, and an existing company re-published (ChangeSeq) when it gains a contact or a note. The search
// indexes follow by themselves: SQLite's FTS5 tables through their insert triggers, PostgreSQL's trigram indexes.
// Every column is written from the EF model with its value converter, so a row is the row EF would have inserted.
// Other providers (SQL Server) keep EF's inserts and tracked reads.
internal sealed class ImportInserts(CrmDbContext db, bool bulk)
{
    private readonly List<Company> companies = [];
    private readonly List<Contact> contacts = [];
    private readonly List<Note> notes = [];
    private readonly HashSet<Company> touched = [];

    // True when new records go by bulk copy and the batch's reads are untracked.
    public bool Bulk { get; } = bulk;

    public void Add(Company company)
    {
        if (Bulk) companies.Add(company);
        else db.Companies.Add(company);
    }

    public void Add(Contact contact, Company company)
    {
        if (!Bulk) { db.Contacts.Add(contact); return; }
        contacts.Add(contact);
        if (company.Id != 0) touched.Add(company);
    }

    public void Add(Note note, Company company)
    {
        if (!Bulk) { db.Notes.Add(note); return; }
        notes.Add(note);
        if (company.Id != 0) touched.Add(company);
    }

    // Before a line changes a record read untracked: EF takes its values as they are, so the save writes what changed.
    // A record this batch creates (no key yet) is not EF's: the bulk write takes it as it is then.
    public void Changing(Company company)
    {
        if (Bulk && company.Id != 0 && db.Entry(company).State == EntityState.Detached) db.Companies.Attach(company);
    }

    public void Changing(Contact contact, Company company)
    {
        if (!Bulk || contact.Id == 0) return;
        if (db.Entry(contact).State == EntityState.Detached) db.Contacts.Attach(contact);
        // SaveChanges re-publishes the company of a changed contact: attached, it needs no query.
        Changing(company);
    }

    // Writes the batch: EF's SaveChanges for the changes, then the new records. A refused row throws (BulkRefusal tells).
    public async Task SaveAsync(CancellationToken ct)
    {
        if (!Bulk)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        await using var writer = BulkWriter.Join(db)!;
        var companyIds = companies.Count > 0 ? await writer.ReserveIdsAsync("Companies", companies.Count) : [];
        for (var i = 0; i < companies.Count; i++) companies[i].Id = companyIds[i];
        var contactIds = contacts.Count > 0 ? await writer.ReserveIdsAsync("Contacts", contacts.Count) : [];
        for (var i = 0; i < contacts.Count; i++)
        {
            contacts[i].Id = contactIds[i];
            contacts[i].CompanyId = contacts[i].Company!.Id;
        }
        foreach (var n in notes) n.CompanyId = n.Company!.Id;

        // What TouchCompaniesOfChangedChildren does for tracked children.
        foreach (var company in touched)
        {
            Changing(company);
            var entry = db.Entry(company);
            if (entry.State == EntityState.Unchanged) entry.Property(c => c.ChangeSeq).IsModified = true;
        }
        await db.SaveChangesAsync(ct);

        var synced = companies.Count + contacts.Count;
        if (synced > 0)
        {
            // What SaveChanges does for an added ISynced record.
            var (seq, now) = (await writer.ReserveChangeSeqAsync(synced), DateTime.UtcNow);
            foreach (var c in companies) (c.ChangeSeq, c.UpdatedAt) = (seq++, now);
            foreach (var k in contacts) (k.ChangeSeq, k.UpdatedAt) = (seq++, now);
        }
        var (companyTable, contactTable, noteTable) = (Table<Company>(db, withKey: true), Table<Contact>(db, withKey: true), Table<Note>(db, withKey: false));
        if (companies.Count > 0) await writer.WriteAsync(companyTable.Table, companies.Select(companyTable.Row));
        if (contacts.Count > 0) await writer.WriteAsync(contactTable.Table, contacts.Select(contactTable.Row));
        if (notes.Count > 0) await writer.WriteAsync(noteTable.Table, notes.Select(noteTable.Row));
    }

    // SQLite keeps 2 MB of pages per connection by default: a batch's inserts touch the pages of eight or nine indexes per
    // table and of the FTS5 tables, which then go to and come back from the WAL file within the transaction. 64 MB while
    // the import runs (within the 300 MB the import may take); the connection goes back to the pool with its own value.
    public const int SqliteCacheKilobytes = 65_536;

    public static async Task<long?> WidenSqliteCacheAsync(CrmDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        var before = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"PRAGMA cache_size = -{SqliteCacheKilobytes}";
        await command.ExecuteNonQueryAsync(ct);
        return before;
    }

    public static async Task RestoreSqliteCacheAsync(CrmDbContext db, long? before)
    {
        if (before is not long value) return;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA cache_size = {value}";
        await command.ExecuteNonQueryAsync();
    }

    public void Clear()
    {
        companies.Clear();
        contacts.Clear();
        notes.Clear();
        touched.Clear();
    }

    // A table's columns as the EF model maps them (name, provider value, PostgreSQL type), read once per model.
    private sealed record EntityTable<T>(BulkTable Table, Func<T, object?>[] Values)
    {
        public object?[] Row(T entity)
        {
            var row = new object?[Values.Length];
            for (var i = 0; i < row.Length; i++) row[i] = Values[i](entity);
            return row;
        }
    }

    private static readonly Dictionary<(IModel, Type, bool), object> Tables = [];

    private static EntityTable<T> Table<T>(CrmDbContext db, bool withKey) where T : class
    {
        lock (Tables)
        {
            if (Tables.TryGetValue((db.Model, typeof(T), withKey), out var known)) return (EntityTable<T>)known;
            var type = db.Model.FindEntityType(typeof(T))!;
            var properties = type.GetProperties().Where(p => withKey || !p.IsPrimaryKey()).ToList();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new NotSupportedException($"{type.DisplayName()}.{shadow.Name} is a shadow property: the bulk insert cannot read it.");
            var table = new EntityTable<T>(
                new BulkTable(type.GetTableName()!, [.. properties.Select(p => (p.GetColumnName(), PostgresType(p)))]),
                [.. properties.Select(Value<T>)]);
            Tables[(db.Model, typeof(T), withKey)] = table;
            return table;
        }
    }

    private static Func<T, object?> Value<T>(IProperty property)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        return converter is null
            ? e => getter.GetClrValue(e!)
            : e => getter.GetClrValue(e!) is { } v ? converter.ConvertToProvider(v) : null;
    }

    private static NpgsqlDbType PostgresType(IProperty property)
    {
        var mapping = property.GetTypeMapping();
        var clr = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? property.ClrType) ?? mapping.Converter?.ProviderClrType ?? property.ClrType;
        return clr switch
        {
            _ when clr == typeof(string) => NpgsqlDbType.Varchar,
            _ when clr == typeof(long) => NpgsqlDbType.Bigint,
            _ when clr == typeof(int) => NpgsqlDbType.Integer,
            _ when clr == typeof(short) => NpgsqlDbType.Smallint,
            _ when clr == typeof(bool) => NpgsqlDbType.Boolean,
            _ when clr == typeof(decimal) => NpgsqlDbType.Numeric,
            _ when clr == typeof(double) => NpgsqlDbType.Double,
            _ when clr == typeof(DateTime) => NpgsqlDbType.TimestampTz,
            _ when clr == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when clr == typeof(Guid) => NpgsqlDbType.Uuid,
            _ when clr == typeof(byte[]) => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"No PostgreSQL type for {property.DeclaringType.DisplayName()}.{property.Name} ({clr.Name})."),
        };
    }
}

// A row the database refused: EF's DbUpdateException, or from the bulk write a data or constraint error (PostgreSQL
// classes 22 and 23, SQLite's CONSTRAINT, MISMATCH, TOOBIG). Other failures (the server gone, the file locked) are not a
// line's fault and go up as they would from EF.
internal static class BulkRefusal
{
    public static bool Is(Exception e) => e is DbUpdateException
        || (e is PostgresException pg && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal)))
        || (e is SqliteException lite && lite.SqliteErrorCode is 18 or 19 or 20);
}

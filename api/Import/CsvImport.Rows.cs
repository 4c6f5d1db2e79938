using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using F = OutlookCrm.Api.Import.ImportField;

namespace OutlookCrm.Api.Import;

// One row: its company (matched on external key, else name + postal code, else the company of the row's
// known contact), then its contact (matched on external key, else e-mail, else first + last name in that
// company), then its note. Empty cells keep
// what the CRM has; a record whose values all equal the file's is left untouched, so a second import
// of the same file changes nothing. Writes go through the API's own Apply methods and validation.
public sealed partial class CsvImport
{
    private static readonly Dictionary<string, F> CompanyFieldOf = new()
    {
        [nameof(CompanyRequest.Name)] = F.CompanyName, [nameof(CompanyRequest.Street)] = F.Street, [nameof(CompanyRequest.PostalCode)] = F.PostalCode,
        [nameof(CompanyRequest.City)] = F.City, [nameof(CompanyRequest.Country)] = F.Country, [nameof(CompanyRequest.Phone)] = F.CompanyPhone,
        [nameof(CompanyRequest.Website)] = F.Website, [nameof(CompanyRequest.ExternalKey)] = F.CompanyKey,
    };

    private static readonly Dictionary<string, F> ContactFieldOf = new()
    {
        [nameof(ContactRequest.LastName)] = F.LastName, [nameof(ContactRequest.FirstName)] = F.FirstName, [nameof(ContactRequest.JobTitle)] = F.JobTitle,
        [nameof(ContactRequest.Email)] = F.Email, [nameof(ContactRequest.Email2)] = F.Email2, [nameof(ContactRequest.Phone)] = F.Phone,
        [nameof(ContactRequest.Mobile)] = F.Mobile, [nameof(ContactRequest.ExternalKey)] = F.ContactKey,
    };

    private async Task ImportCompanyAndContact(ImportRow row)
    {
        var key = row[F.CompanyKey];
        var name = row[F.CompanyName];
        if (key is null && name is null) { row.Error(F.CompanyName, "The line names no company (neither a name nor a key)."); return; }
        var status = row.Status();
        var category = row.Category();
        var verified = row.LastVerified();
        var manager = await AccountManager(row);
        var company = await FindCompany(key, name, row[F.PostalCode]);
        var contact = row.HasContact ? await FindContact(row, company?.Id) : null;
        // A known contact names their company even when the file spells it differently: never move them to a new
        // duplicate, and leave that company as it is (the file's spelling is not evidence about it).
        var viaContact = false;
        if (company is null && contact is not null)
        {
            company = await db.Companies.FirstOrDefaultAsync(c => c.Id == contact.CompanyId && c.DeletedAt == null
                && (key == null || c.ExternalKey == null || c.ExternalKey == key));
            viaContact = company is not null;
        }
        if (company is null && name is null) { row.Error(F.CompanyKey, $"No company has the key '{key}' and the line gives no name to create it."); return; }
        if (company is not null && !await Visible(company.Id))
        {
            row.Error(name is null ? F.CompanyKey : F.CompanyName, "This company exists in the CRM but outside your scope; a manager of its territory must import it.");
            return;
        }

        var current = company is null ? null : FromEntity(company);
        var wanted = viaContact ? current! : (current ?? new CompanyRequest(name!)) with
        {
            Name = name ?? current!.Name,
            Status = status ?? current?.Status ?? CompanyStatus.Prospect,
            Category = category ?? current?.Category,
            AccountManagerId = manager ?? current?.AccountManagerId,
            // A new account manager brings their territory along.
            TerritoryId = manager is null || manager == current?.AccountManagerId ? current?.TerritoryId : null,
            Street = row[F.Street] ?? current?.Street, PostalCode = row[F.PostalCode] ?? current?.PostalCode,
            City = row[F.City] ?? current?.City, Country = row[F.Country] ?? current?.Country,
            Phone = row[F.CompanyPhone] ?? current?.Phone, Website = row[F.Website] ?? current?.Website,
            ExternalKey = key ?? current?.ExternalKey,
        };
        row.Validate(wanted, CompanyFieldOf);
        var contactWanted = row.HasContact ? WantedContact(row, contact) : null;
        if (row.Errors.Count > 0) return;

        // A "last verified" column describes the contact on a contact line, the company otherwise.
        var verifiedAt = Verified(row.HasContact ? null : verified, company?.LastVerifiedAt);
        if (company is null)
        {
            company = new Company { Name = wanted.Name, CreatedAt = DateTime.UtcNow, Version = 1 };
            await CompanyWrites.Apply(db, caller, company, wanted);
            company.LastVerifiedAt = verifiedAt;
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            companiesCreated++;
        }
        else if (wanted != current || verifiedAt != company.LastVerifiedAt)
        {
            await CompanyWrites.Apply(db, caller, company, wanted);
            // Importing an old file is not verifying the record: the date comes from the file or stays as it was.
            company.LastVerifiedAt = verifiedAt;
            company.Version++;
            await db.SaveChangesAsync();
            if (companiesSeen.Add(company.Id)) companiesUpdated++;
        }
        companiesSeen.Add(company.Id);

        if (contactWanted is not null) await SaveContact(company.Id, contact, contactWanted, verified);
        if (row[F.Note] is { } note) await AddNote(company.Id, note);
    }

    private async Task<Company?> FindCompany(string? key, string? name, string? postalCode)
    {
        var live = db.Companies.Where(c => c.DeletedAt == null);
        if (key is not null && await live.Where(c => c.ExternalKey == key).OrderBy(c => c.Id).FirstOrDefaultAsync() is { } byKey) return byKey;
        if (name is null) return null;
        // Exact name (an indexed seek); a record already keyed differently in the source system is another company.
        var byName = await live.Where(c => c.Name == name && c.PostalCode == postalCode).OrderBy(c => c.Id).FirstOrDefaultAsync();
        return byName is not null && (key is null || byName.ExternalKey is null) ? byName : null;
    }

    private async Task<Contact?> FindContact(ImportRow row, long? companyId)
    {
        var live = db.Contacts.Where(k => k.DeletedAt == null);
        var key = row[F.ContactKey];
        if (key is not null && await live.Where(k => k.ExternalKey == key).OrderBy(k => k.Id).FirstOrDefaultAsync() is { } byKey) return byKey;
        Contact? found = null;
        if (ContactProjection.NormalizeEmail(row[F.Email]) is { } email)
            found = await live.Where(k => k.Email == email || k.Email2 == email).OrderBy(k => k.Id).FirstOrDefaultAsync();
        if (found is null && companyId is not null && row[F.LastName] is { } last)
        {
            var first = row[F.FirstName];
            found = await live.Where(k => k.CompanyId == companyId && k.LastName == last && k.FirstName == first).OrderBy(k => k.Id).FirstOrDefaultAsync();
        }
        if (found is not null && key is not null && found.ExternalKey is not null) return null;
        if (found is not null && !await Visible(found.CompanyId))
            row.Error(F.Email, "This contact exists in the CRM under a company outside your scope.");
        return found;
    }

    private ContactRequest? WantedContact(ImportRow row, Contact? contact)
    {
        var current = contact is null ? null : FromEntity(contact);
        var lastName = row[F.LastName] ?? current?.LastName;
        if (lastName is null) { row.Error(F.LastName, "A new contact needs a last name."); return null; }
        var wanted = (current ?? new ContactRequest(1, lastName)) with
        {
            LastName = lastName,
            FirstName = row[F.FirstName] ?? current?.FirstName, JobTitle = row[F.JobTitle] ?? current?.JobTitle,
            Email = ContactProjection.NormalizeEmail(row[F.Email]) ?? current?.Email,
            Email2 = ContactProjection.NormalizeEmail(row[F.Email2]) ?? current?.Email2,
            Phone = row[F.Phone] ?? current?.Phone, Mobile = row[F.Mobile] ?? current?.Mobile,
            ExternalKey = row[F.ContactKey] ?? current?.ExternalKey,
        };
        row.Validate(wanted, ContactFieldOf);
        return wanted;
    }

    private async Task SaveContact(long companyId, Contact? contact, ContactRequest wanted, DateTime? verified)
    {
        wanted = wanted with { CompanyId = companyId };
        var verifiedAt = Verified(verified, contact?.LastVerifiedAt);
        if (contact is null)
        {
            contact = new Contact { LastName = wanted.LastName, CreatedAt = DateTime.UtcNow, Version = 1 };
            await ContactsApi.Apply(db, caller, contact, wanted);
            contact.LastVerifiedAt = verifiedAt;
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            contactsCreated++;
        }
        else if (wanted != FromEntity(contact) || verifiedAt != contact.LastVerifiedAt)
        {
            await ContactsApi.Apply(db, caller, contact, wanted);
            contact.LastVerifiedAt = verifiedAt;
            contact.Version++;
            await db.SaveChangesAsync();
            if (contactsSeen.Add(contact.Id)) contactsUpdated++;
        }
        contactsSeen.Add(contact.Id);
    }

    // A note already on the company with the same text is the same note: re-importing adds nothing.
    private async Task AddNote(long companyId, string text)
    {
        if (await db.Notes.AnyAsync(n => n.CompanyId == companyId && n.Text == text)) return;
        db.Notes.Add(new Note { CompanyId = companyId, AuthorId = caller.RequireUser(), CreatedAt = DateTime.UtcNow, Text = text, Version = 1 });
        await db.SaveChangesAsync();
        notesCreated++;
    }

    // Files carry days: the same day as the CRM's date is no change (an export re-imports unchanged).
    private static DateTime? Verified(DateTime? fromFile, DateTime? current) =>
        fromFile is null || fromFile.Value.Date == current?.Date ? current : fromFile;

    private static CompanyRequest FromEntity(Company c) => new(c.Name, c.Status, c.Category, c.AccountManagerId, c.TerritoryId, c.ParentCompanyId,
        c.Street, c.PostalCode, c.City, c.Country, c.Phone, c.Website, c.SalesYearToDate, c.SalesLastYear, c.OutstandingAmount, c.ExternalKey);

    private static ContactRequest FromEntity(Contact k) => new(k.CompanyId, k.LastName, k.FirstName, k.JobTitle, k.Email, k.Email2,
        k.Phone, k.Mobile, k.ReportsToId, k.IsPrescriber, k.ExternalKey);
}

using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Quality;
using F = OutlookCrm.Api.Import.ImportField;

namespace OutlookCrm.Api.Import;

// One row: its company (matched on external key, else name + postal code, else the company of the row's known contact),
// then its contact (matched on external key, else e-mail, else first + last name in that company when the e-mails do
// not tell two people apart), then its note. Empty cells keep what the CRM has; a record whose values all equal the
// file's is left untouched (phones compare as numbers), so a second import of the same file changes nothing. A record
// the file already described on an earlier line is not changed again: the later line is a conflict. Writes go through
// the API's own Apply methods and validation.
public sealed partial class CsvImport
{

    private static readonly Dictionary<string, F> CompanyFieldOf = new()
    {
        [nameof(CompanyRequest.Name)] = F.CompanyName, [nameof(CompanyRequest.Street)] = F.Street, [nameof(CompanyRequest.PostalCode)] = F.PostalCode,
        [nameof(CompanyRequest.City)] = F.City, [nameof(CompanyRequest.Country)] = F.Country, [nameof(CompanyRequest.Phone)] = F.CompanyPhone,
        [nameof(CompanyRequest.Website)] = F.Website, [nameof(CompanyRequest.ExternalKey)] = F.CompanyKey, [nameof(CompanyRequest.Email)] = F.CompanyEmail,
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
        if (key is null && name is null) { row.Error(F.CompanyName, "The line names no company (neither a name nor a key) and no person."); return; }
        var status = row.Status(statuses);
        var category = row.Category();
        var verified = row.LastVerified();
        var manager = Owner(row, F.AccountManager);
        var contactOwner = Owner(row, F.ContactOwner);
        var companyEmail = ContactProjection.NormalizeEmail(row[F.CompanyEmail]);
        var company = FindCompany(row, key, name, row[F.PostalCode]);
        var contact = row.HasContact ? FindContact(row, company) : null;
        // A known contact names their company even when the file spells it differently: never move them to a new
        // duplicate, and leave that company as it is (the file's spelling is not evidence about it).
        var viaContact = false;
        if (company is null && contact is not null && known.CompanyOf(contact) is var theirs
            && theirs.DeletedAt is null && (key is null || theirs.ExternalKey is null || theirs.ExternalKey == key))
            (company, viaContact) = (theirs, true);
        if (company is null && name is null) { row.Error(F.CompanyKey, $"No company has the key '{key}' and the line gives no name to create it."); return; }
        if (company is not null && !caller.Sees(company))
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
            // The owner of a contact only chooses who manages a company the line creates.
            AccountManagerId = manager ?? current?.AccountManagerId ?? (company is null ? contactOwner : null),
            // A new account manager brings their territory along.
            TerritoryId = manager is null || manager == current?.AccountManagerId ? current?.TerritoryId : null,
            Street = row[F.Street] ?? current?.Street, PostalCode = row[F.PostalCode] ?? current?.PostalCode,
            City = row[F.City] ?? current?.City, Country = row[F.Country] ?? current?.Country,
            Phone = KeepPhone(row[F.CompanyPhone], current?.Phone), Website = row[F.Website] ?? current?.Website,
            ExternalKey = key ?? current?.ExternalKey, Email = companyEmail ?? current?.Email,
        };
        row.Validate(wanted, CompanyFieldOf);
        var contactWanted = row.HasContact ? WantedContact(row, contact) : null;
        if (row.Errors.Count > 0) return;

        // A file describes each record once: a later line giving it other values is a conflict, not a second update.
        var companyChanges = current is null ? [] : CompanyChanges(row, current, wanted);
        if (company is not null && companyChanges.Count > 0 && companyLines.TryGetValue(company, out var first))
        {
            Conflict(row, first, "company", companyChanges);
            return;
        }
        var contactCurrent = contact is null ? null : FromEntity(contact);
        var contactChanges = contactCurrent is null || contactWanted is null ? []
            : ContactChanges(row, contactCurrent, contactWanted with { CompanyId = contactCurrent.CompanyId });
        if (contact is not null && contactChanges.Count > 0 && contactLines.TryGetValue(contact, out var firstContact))
        {
            Conflict(row, firstContact, "contact", contactChanges);
            return;
        }

        // Every rule is checked before the first change, so a refused line leaves nothing behind.
        // A "last verified" column describes the contact on a contact line, the company otherwise.
        var verifiedAt = Verified(row.HasContact ? null : verified, company?.LastVerifiedAt);
        var isNew = company is null;
        var companyChanged = isNew || wanted != current || verifiedAt != company!.LastVerifiedAt;
        var (checkedCompany, territory) = companyChanged
            ? CompanyWrites.Check(caller, company ?? new Company { Name = wanted.Name }, wanted, userTerritories, territories)
            : (wanted, company!.TerritoryId);
        if (companyChanged && wanted.ParentCompanyId is long parent && !await db.Companies.VisibleTo(caller).AnyAsync(c => c.Id == parent))
            throw CrmProblem.Invalid(nameof(wanted.ParentCompanyId), $"Company {parent} cannot be the parent of this company.");
        if (isNew)
        {
            // Not yet tracked: a line refused below leaves it behind unseen.
            company = new Company { Name = wanted.Name, CreatedAt = DateTime.UtcNow, Version = 1 };
            CompanyWrites.Assign(company, checkedCompany, territory);
            company.LastVerifiedAt = verifiedAt;
        }
        var contactWrite = contactWanted is null ? default : CheckContact(company!, contact, contactWanted, verified);
        if (row[F.Note] is not null) caller.RequireUser();

        if (isNew)
        {
            inserts.Add(company!);
            known.Add(company!);
            Tally(companiesCreated, company!);
        }
        else if (companyChanged)
        {
            inserts.Changing(company!);
            known.Change(company!, () =>
            {
                CompanyWrites.Assign(company!, checkedCompany, territory);
                // Importing an old file is not verifying the record: the date comes from the file or stays as it was.
                company!.LastVerifiedAt = verifiedAt;
                company.Version++;
            });
            if (!companiesSeen.Contains(company!)) Tally(companiesUpdated, company!);
            Listed(row, $"company {company!.Name}", companyChanges);
        }
        Tally(companiesSeen, company!);
        rowCompanyLine = (company!, row.Line);

        if (contactWanted is not null) SaveContact(row, company!, contact, contactWrite.Wanted, contactChanges, contactWrite.VerifiedAt, contactWrite.Changed);
        if (row[F.Note] is { } note) AddNote(company!, note);
    }

    private Company? FindCompany(ImportRow row, string? key, string? name, string? postalCode)
    {
        if (key is not null && known.CompanyByKey(key) is { } byKey) return byKey;
        if (name is null) return null;
        // Exact name and postal code; a contact list without postal codes (Pipedrive people, Zoho contacts) finds the only
        // company of that name. A record already keyed differently in the source system is another company.
        var named = known.CompaniesNamed(name).Where(c => postalCode == null || c.PostalCode == postalCode || c.PostalCode == null).Take(3).ToList();
        var byName = named.FirstOrDefault(c => c.PostalCode == postalCode) ?? (named.Count == 1 ? named[0] : null);
        if (byName is null && named.Count > 1 && postalCode is null)
            row.Error(F.CompanyName, $"Several companies are named '{name}': add a postal code or key column to say which one.");
        return byName is not null && (key is null || byName.ExternalKey is null) ? byName : null;
    }

    private Contact? FindContact(ImportRow row, Company? company)
    {
        var key = row[F.ContactKey];
        if (key is not null && known.ContactByKey(key) is { } byKey) return byKey;
        Contact? found = null;
        var email = ContactProjection.NormalizeEmail(row[F.Email]);
        if (email is not null) found = known.ContactByEmail(email);
        if (found is null && company is not null && row[F.LastName] is { } last)
        {
            // Namesakes are two people when their e-mails differ: only a homonym without an e-mail (or a line without one) is the same person.
            var first = row[F.FirstName];
            var same = known.ContactsOf(company).Where(k => k.LastName == last && k.FirstName == first)
                .Where(k => email is null || (k.Email is null && k.Email2 is null)).ToList();
            if (same.Count > 1)
            {
                row.Error(F.LastName, $"{same.Count} contacts of this company are named {first} {last}: give the e-mail or the contact's key to say which one.");
                return null;
            }
            found = same.FirstOrDefault();
        }
        if (found is not null && key is not null && found.ExternalKey is not null) return null;
        if (found is not null && !caller.Sees(known.CompanyOf(found)))
            row.Error(F.Email, "This contact exists in the CRM under a company outside your scope.");
        return found;
    }

    private ContactRequest? WantedContact(ImportRow row, Contact? contact)
    {
        var current = contact is null ? null : FromEntity(contact);
        var lastName = row[F.LastName] ?? current?.LastName;
        if (lastName is null) { row.Error(F.LastName, "A new contact needs a last name."); return null; }
        // An address the contact already has (first or second) is no change; a new one replaces the first.
        var (email, email2) = (current?.Email, current?.Email2);
        if (ContactProjection.NormalizeEmail(row[F.Email]) is { } e && e != email && e != email2) email = e;
        if (ContactProjection.NormalizeEmail(row[F.Email2]) is { } e2 && e2 != email && e2 != email2) email2 = e2;
        var wanted = (current ?? new ContactRequest(1, lastName)) with
        {
            LastName = lastName,
            FirstName = row[F.FirstName] ?? current?.FirstName, JobTitle = row[F.JobTitle] ?? current?.JobTitle,
            Email = email, Email2 = email2,
            Phone = KeepPhone(row[F.Phone], current?.Phone), Mobile = KeepPhone(row[F.Mobile], current?.Mobile),
            ExternalKey = row[F.ContactKey] ?? current?.ExternalKey,
        };
        // The company is the line's, not a value of the file (one created by this batch has no id yet).
        row.Validate(wanted with { CompanyId = 1 }, ContactFieldOf);
        return wanted;
    }

    // The rules of ContactsApi.Apply, answered from the batch: the company is in scope, a new address is nobody else's.
    private (ContactRequest Wanted, DateTime? VerifiedAt, bool Changed) CheckContact(Company company, Contact? contact, ContactRequest wanted, DateTime? verified)
    {
        wanted = wanted with { CompanyId = contact?.CompanyId ?? company.Id };
        var verifiedAt = Verified(verified, contact?.LastVerifiedAt);
        var changed = contact is null || wanted != FromEntity(contact) || verifiedAt != contact.LastVerifiedAt;
        if (!changed) return (wanted, verifiedAt, false);
        // A company the line creates is in the caller's scope by the move rules (CompanyWrites.CheckMove).
        if (!caller.Sees(contact is null ? company : known.CompanyOf(contact)))
            throw CrmProblem.Invalid(nameof(wanted.CompanyId), $"Company {wanted.CompanyId} does not exist or is not in your scope.");
        if (ContactProjection.NormalizeEmail(wanted.Email) is { } email && email != contact?.Email && known.AddressKnown(email, contact))
            throw ContactsApi.AddressKnownProblem();
        return (wanted, verifiedAt, true);
    }

    private void SaveContact(ImportRow row, Company company, Contact? contact, ContactRequest wanted, List<ImportChange> changes,
        DateTime? verifiedAt, bool changed)
    {
        if (contact is null)
        {
            contact = new Contact { LastName = wanted.LastName, CreatedAt = DateTime.UtcNow, Version = 1 };
            ContactsApi.Assign(contact, wanted);
            // A company created by this batch has no id yet: the contact points to it and the save links them.
            contact.Company = company;
            contact.LastVerifiedAt = verifiedAt;
            inserts.Add(contact, company);
            known.Add(contact, company);
            Tally(contactsCreated, contact);
        }
        else if (changed)
        {
            inserts.Changing(contact, known.CompanyOf(contact));
            known.Change(contact, () =>
            {
                ContactsApi.Assign(contact, wanted);
                contact.LastVerifiedAt = verifiedAt;
                contact.Version++;
            });
            if (!contactsSeen.Contains(contact)) Tally(contactsUpdated, contact);
            Listed(row, $"contact {contact.FirstName} {contact.LastName}".Replace("  ", " "), changes);
        }
        Tally(contactsSeen, contact);
        rowContactLine = (contact, row.Line);
    }

    // A note already on the company with the same text is the same note: re-importing adds nothing.
    private void AddNote(Company company, string text)
    {
        if (known.HasNote(company, text)) return;
        inserts.Add(new Note { Company = company, CompanyId = company.Id, AuthorId = caller.RequireUser(), CreatedAt = DateTime.UtcNow, Text = text, Version = 1 }, company);
        known.AddNote(company, text);
        rowNotes++;
    }

    // The same number written differently is no change: the CRM keeps its spelling.
    private static string? KeepPhone(string? fromFile, string? current) =>
        fromFile is null || (current is not null && Phones.Same(fromFile, current)) ? current : fromFile;

    // Files carry days: the same day as the CRM's date is no change (an export re-imports unchanged).
    private static DateTime? Verified(DateTime? fromFile, DateTime? current) =>
        fromFile is null || fromFile.Value.Date == current?.Date ? current : fromFile;

    private static CompanyRequest FromEntity(Company c) => new(c.Name, c.Status, c.Category, c.AccountManagerId, c.TerritoryId, c.ParentCompanyId,
        c.Street, c.PostalCode, c.City, c.Country, c.Phone, c.Website, c.SalesYearToDate, c.SalesLastYear, c.OutstandingAmount, c.ExternalKey,
        Email: c.Email);

    private static ContactRequest FromEntity(Contact k) => new(k.CompanyId, k.LastName, k.FirstName, k.JobTitle, k.Email, k.Email2,
        k.Phone, k.Mobile, k.ReportsToId, k.IsPrescriber, k.ExternalKey);
}

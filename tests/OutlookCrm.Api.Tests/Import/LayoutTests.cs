using OutlookCrm.Api.Data;
using OutlookCrm.Api.Errors;
using OutlookCrm.Api.Import;
using F = OutlookCrm.Api.Import.ImportField;

namespace OutlookCrm.Api.Tests.Import;

// Each layout's real header row (tests/.../Files), recognised without a mapping: which column feeds which field.
[TestClass]
public sealed class LayoutTests
{
    private static Dictionary<F, string> Mapped(string file)
    {
        using var stream = File.OpenRead(SampleFiles.PathOf(file));
        using var source = ImportSources.Open(stream, null, null);
        var fields = ImportHeaders.Map(source.Headers, new Dictionary<string, F>());
        return fields.Select((f, i) => (f, h: source.Headers[i])).Where(x => x.f != F.Ignore).GroupBy(x => x.f).ToDictionary(g => g.Key, g => g.First().h);
    }

    private static void Expect(string file, params (F Field, string Header)[] expected)
    {
        var mapped = Mapped(file);
        foreach (var (field, header) in expected)
            Assert.AreEqual(header, mapped.GetValueOrDefault(field), $"{file}: {field} ({string.Join(", ", mapped.Select(m => $"{m.Value}→{m.Key}"))})");
    }

    [TestMethod]
    public void HubSpotCompaniesAndContacts()
    {
        Expect("hubspot-companies.csv", (F.CompanyKey, "Record ID"), (F.CompanyName, "Company name"), (F.AccountManager, "Company owner"),
            (F.CompanyPhone, "Phone Number"), (F.Website, "Company Domain Name"), (F.Status, "Lifecycle Stage"), (F.Street, "Street Address"),
            (F.PostalCode, "Postal Code"), (F.City, "City"), (F.Country, "Country/Region"));
        Expect("hubspot-contacts.csv", (F.ContactKey, "Record ID"), (F.CompanyKey, "Primary Associated Company ID"), (F.CompanyName, "Associated Company"),
            (F.ContactOwner, "Contact owner"), (F.Email, "Email"), (F.Phone, "Phone Number"), (F.Mobile, "Mobile Phone Number"), (F.JobTitle, "Job Title"),
            (F.Status, null!));
    }

    [TestMethod]
    public void SalesforceAccountsAndContacts()
    {
        Expect("salesforce-accounts.csv", (F.CompanyKey, "Account ID"), (F.CompanyName, "Account Name"), (F.AccountManager, "Account Owner"),
            (F.Status, "Type"), (F.CompanyPhone, "Phone"), (F.Website, "Website"), (F.Street, "Billing Street"), (F.City, "Billing City"),
            (F.PostalCode, "Billing Zip/Postal Code"), (F.Country, "Billing Country"));
        Expect("salesforce-contacts.csv", (F.ContactKey, "Contact ID"), (F.CompanyKey, "Account ID"), (F.JobTitle, "Title"), (F.Email, "Email"),
            (F.Phone, "Phone"), (F.Mobile, "Mobile"), (F.CompanyName, "Account Name"), (F.ContactOwner, "Contact Owner"), (F.Street, null!));
    }

    [TestMethod]
    public void PipedriveOrganizationsAndPeople()
    {
        Expect("pipedrive-organizations.csv", (F.CompanyKey, "Organization - ID"), (F.CompanyName, "Organization - Name"),
            (F.AccountManager, "Organization - Owner"), (F.Street, "Organization - Address"), (F.City, "Organization - Address - City/town/village/locality"),
            (F.PostalCode, "Organization - Address - ZIP/Postal code"), (F.Status, "Organization - Label"));
        Expect("pipedrive-people.csv", (F.ContactKey, "Person - ID"), (F.FirstName, "Person - First name"), (F.LastName, "Person - Last name"),
            (F.CompanyName, "Person - Organization"), (F.Email, "Person - Email - Work"), (F.Email2, "Person - Email - Home"),
            (F.Phone, "Person - Phone - Work"), (F.Mobile, "Person - Phone - Mobile"), (F.ContactOwner, "Person - Owner"));
    }

    [TestMethod]
    public void ZohoAccountsAndContacts()
    {
        Expect("zoho-accounts.csv", (F.CompanyKey, "Record Id"), (F.AccountManager, "Account Owner"), (F.CompanyName, "Account Name"),
            (F.Status, "Account Type"), (F.PostalCode, "Billing Code"), (F.Note, "Description"), (F.CompanyPhone, "Phone"));
        Expect("zoho-contacts.csv", (F.ContactKey, "Record Id"), (F.ContactOwner, "Contact Owner"), (F.CompanyName, "Account Name"),
            (F.JobTitle, "Title"), (F.Email2, "Secondary Email"), (F.Phone, "Phone"), (F.Mobile, "Mobile"));
    }

    [TestMethod]
    public void GoogleContactsAndOutlookInFrench()
    {
        Expect("google-contacts.csv", (F.FirstName, "First Name"), (F.LastName, "Last Name"), (F.CompanyName, "Organization Name"),
            (F.JobTitle, "Organization Title"), (F.Email, "E-mail 1 - Value"), (F.Email2, "E-mail 2 - Value"), (F.Street, "Address 1 - Street"),
            (F.City, "Address 1 - City"), (F.PostalCode, "Address 1 - Postal Code"), (F.Note, "Notes"));
        Expect("outlook-contacts-fr.csv", (F.FirstName, "Prénom"), (F.LastName, "Nom"), (F.CompanyName, "Société"), (F.JobTitle, "Fonction"),
            (F.Street, "Rue (bureau)"), (F.City, "Ville (bureau)"), (F.PostalCode, "Code postal (bureau)"), (F.Phone, "Téléphone (bureau)"),
            (F.CompanyPhone, "Téléphone société"), (F.Mobile, "Tél. mobile"), (F.Email, "Adresse de messagerie"), (F.Website, "Page Web"));
    }

    [TestMethod]
    public void AFrenchSemicolonCompanyFileGivesItsEmailToTheCompany() =>
        Expect("societes-fr-semicolon.csv", (F.CompanyKey, "Code client"), (F.CompanyName, "Raison sociale"), (F.Street, "Adresse 1"),
            (F.CompanyPhone, "Téléphone"), (F.CompanyEmail, "E-mail"), (F.Website, "Site web"), (F.AccountManager, "Représentant"),
            (F.Category, "Catégorie"), (F.Status, "Statut"), (F.Email, null!));

    [TestMethod]
    public void TheStatusTableMapsOtherCrmsLifecyclesAndTakesOverrides()
    {
        Assert.AreEqual(CompanyStatus.Client, ImportStatuses.Default[ImportHeaders.Normalize("Customer - Direct")]);
        Assert.AreEqual(CompanyStatus.Suspect, ImportStatuses.Default[ImportHeaders.Normalize("marketingqualifiedlead")]);
        Assert.IsFalse(ImportStatuses.Default.ContainsKey(ImportHeaders.Normalize("Channel Partner / Reseller")), "a partner is not guessed");
        var table = ImportStatuses.With([new("Channel Partner / Reseller", "Client")], ["lead=Prospect"]);
        Assert.AreEqual((CompanyStatus.Client, CompanyStatus.Prospect), (table["channelpartnerreseller"], table["lead"]));
        Assert.ThrowsExactly<CrmProblem>(() => ImportStatuses.With([], ["lead=Emperor"]));
    }
}

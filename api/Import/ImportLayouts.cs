namespace OutlookCrm.Api.Import;

// The layouts people bring, recognised from their headers (normalised: lower case, no accents, spaces or punctuation).
// Outlook classic CSV (English and French), Google Contacts, HubSpot, Salesforce, Pipedrive and Zoho CRM exports
// (companies/accounts/organizations and contacts/people), and the French semicolon files of accounting and CRM tools.
// docs/import.md lists them with a header row each; tests/OutlookCrm.Api.Tests/Files holds one sample per layout.
internal static class ImportLayouts
{
    public static readonly Dictionary<string, ImportField> Aliases = Build(new()
    {
        [ImportField.CompanyKey] = ["externalkey", "companyexternalkey", "companykey", "companyid", "accountid", "accountnumber", "account",
            "customerid", "customernumber", "codeclient", "numeroclient", "refclient", "referenceclient", "idclient", "idsociete", "clesociete",
            "primaryassociatedcompanyid", "organizationid", "accountnameid", "idcompte", "numerodecompte"],
        [ImportField.CompanyName] = ["company", "companyname", "accountname", "organization", "organisation", "societe", "nomsociete",
            "nomdelasociete", "raisonsociale", "entreprise", "client", "nomclient", "etablissement", "associatedcompany", "organizationname",
            "organization1name", "personorganization", "organisationnom"],
        [ImportField.Status] = ["status", "statut", "companystatus", "statutclient", "accounttype", "typedecompte"],
        [ImportField.Category] = ["category", "categorie", "customercategory", "categorieclient"],
        [ImportField.AccountManager] = ["accountmanager", "accountowner", "owner", "salesrep", "commercial", "responsable", "responsablecompte",
            "chargedaffaires", "accountmanagerupn", "companyowner", "organizationowner", "proprietaire", "proprietairedelentreprise",
            "proprietaireducompte", "representant", "commercialattitre", "recordowner"],
        [ImportField.ContactOwner] = ["contactowner", "personowner", "proprietaireducontact", "leadowner"],
        [ImportField.Street] = ["street", "address", "address1", "businessstreet", "adresse", "adresse1", "rue", "ruebureau", "voie",
            "streetaddress", "billingstreet", "billingaddress", "address1street", "adresse1rue", "organizationaddressstreetroadname"],
        [ImportField.Street2] = ["street2", "address2", "businessstreet2", "businessstreet3", "adresse2", "adresse3", "complementadresse",
            "complementdadresse", "rue2bureau", "rue3bureau", "ruebureau2", "ruebureau3", "streetaddress2", "address1extendedaddress"],
        [ImportField.PostalCode] = ["postalcode", "postcode", "zip", "zipcode", "businesspostalcode", "codepostal", "codepostalbureau", "cp",
            "billingzippostalcode", "billingzip", "billingcode", "billingpostalcode", "address1postalcode", "organizationaddresszippostalcode"],
        [ImportField.City] = ["city", "town", "businesscity", "ville", "villebureau", "commune", "localite", "billingcity", "address1city",
            "organizationaddresscitytownvillagelocality"],
        [ImportField.Country] = ["country", "countryregion", "businesscountryregion", "pays", "paysregion", "paysregionbureau",
            "billingcountry", "address1country", "organizationaddresscountry"],
        [ImportField.CompanyPhone] = ["companyphone", "companymainphone", "mainphone", "switchboard", "standard", "telephonestandard",
            "telstandard", "telephonesociete", "telephonesocietestandard", "organizationphone", "accountphone"],
        [ImportField.Website] = ["website", "web", "webpage", "url", "siteweb", "siteinternet", "pageweb", "websiteurl", "organizationwebsite"],
        [ImportField.CompanyEmail] = ["companyemail", "organizationemail", "emailsociete", "emailentreprise", "courrielsociete", "generalemail"],
        [ImportField.ContactKey] = ["contactexternalkey", "contactkey", "contactid", "idcontact", "refcontact", "referencecontact", "personid"],
        [ImportField.FirstName] = ["firstname", "givenname", "prenom", "personfirstname"],
        [ImportField.LastName] = ["lastname", "surname", "familyname", "nomdefamille", "contactlastname", "nomcontact", "personlastname"],
        [ImportField.JobTitle] = ["jobtitle", "position", "fonction", "poste", "organizationtitle", "organization1title", "personjobtitle", "intituledeposte"],
        [ImportField.Email] = ["email1value", "adressedemessagerie", "contactemail", "personemailwork",
            "emailwork", "workemail", "emailprofessionnel", "personemail"],
        [ImportField.Email2] = ["email2", "email2address", "emailaddress2", "courriel2", "adresseemail2", "adressedemessagerie2", "secondemail",
            "secondaryemail", "email2value", "personemailhome", "emailsecondaire"],
        [ImportField.Phone] = ["businessphone", "workphone", "primaryphone", "contactphone", "telephonebureau", "telbureau",
            "telephoneprofessionnel", "teldirect", "lignedirecte", "personphonework", "phonework", "directphone"],
        [ImportField.Mobile] = ["mobile", "mobilephone", "cellphone", "cell", "portable", "telportable", "telephoneportable",
            "telephonemobile", "telmobile", "gsm", "mobilephonenumber", "personphonemobile", "phonemobile"],
        [ImportField.Note] = ["notes", "note", "comment", "comments", "commentaire", "commentaires", "remarques", "observations", "description"],
        [ImportField.LastVerified] = ["lastverified", "lastverifiedat", "verifiedon", "dateverification", "derniereverification", "verifiele",
            "lastverifieddate", "datedederniereverification"],
    });

    // Headers whose meaning depends on the rest of the file: "Name"/"Nom" is the contact's last name when a first-name column
    // is present, else the company's name; a bare phone, e-mail or id is the contact's in a contact list, else the company's.
    public static readonly string[] AmbiguousName = ["name", "nom"];
    public static readonly string[] AmbiguousPhone = ["phone", "telephone", "tel", "phonenumber", "numerodetelephone"];
    public static readonly string[] AmbiguousEmail = ["email", "emailaddress", "mail", "courriel", "adresseemail", "adressemail", "emailadresse"];
    // A company's lifecycle in a company file; in a contact list it is the person's (HubSpot), not their company's.
    public static readonly string[] CompanyStatusOnly = ["lifecyclestage", "organizationlabel", "phasedecycledevie"];
    public static readonly string[] AmbiguousId = ["recordid", "id", "identifiant", "iddelenregistrement"];

    // Used only when no other column has the field.
    public static readonly Dictionary<string, ImportField> Fallbacks = new()
    {
        ["title"] = ImportField.JobTitle, ["titre"] = ImportField.JobTitle,
        ["companydomainname"] = ImportField.Website, ["domain"] = ImportField.Website, ["domainname"] = ImportField.Website,
        ["domaine"] = ImportField.Website, ["nomdedomaine"] = ImportField.Website,
        ["organizationaddress"] = ImportField.Street,
        ["type"] = ImportField.Status, ["personname"] = ImportField.LastName, ["fullname"] = ImportField.LastName,
    };

    private static Dictionary<string, ImportField> Build(Dictionary<ImportField, string[]> byField) =>
        byField.SelectMany(kv => kv.Value.Select(alias => (alias, kv.Key))).ToDictionary(x => x.alias, x => x.Key);
}

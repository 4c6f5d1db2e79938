using System.Globalization;
using System.Text;

namespace OutlookCrm.Api.Import;

// What a CSV column can feed. Company columns identify or describe the company of the row; contact
// columns (when present) add a contact to it; Note adds the text as a note on the company.
public enum ImportField
{
    Ignore,
    CompanyKey, CompanyName, Status, Category, AccountManager, Street, Street2, PostalCode, City, Country, CompanyPhone, Website,
    ContactKey, FirstName, LastName, JobTitle, Email, Email2, Phone, Mobile,
    Note, LastVerified,
}

// Header names as other CRMs, spreadsheets and Outlook (English and French) write them, compared
// without case, accents, spaces or punctuation ("Code postal (bureau)" == "codepostalbureau").
public static class ImportHeaders
{
    private static readonly Dictionary<string, ImportField> Aliases = Build(new()
    {
        [ImportField.CompanyKey] = ["externalkey", "companyexternalkey", "companykey", "companyid", "accountid", "accountnumber", "account",
            "customerid", "customernumber", "codeclient", "numeroclient", "refclient", "referenceclient", "idclient", "idsociete", "clesociete"],
        [ImportField.CompanyName] = ["company", "companyname", "accountname", "organization", "organisation", "societe", "nomsociete",
            "nomdelasociete", "raisonsociale", "entreprise", "client", "nomclient", "etablissement"],
        [ImportField.Status] = ["status", "statut", "companystatus", "statutclient"],
        [ImportField.Category] = ["category", "categorie", "customercategory", "categorieclient"],
        [ImportField.AccountManager] = ["accountmanager", "accountowner", "owner", "salesrep", "commercial", "responsable", "responsablecompte",
            "chargedaffaires", "accountmanagerupn"],
        [ImportField.Street] = ["street", "address", "address1", "businessstreet", "adresse", "adresse1", "rue", "ruebureau", "voie"],
        [ImportField.Street2] = ["street2", "address2", "businessstreet2", "businessstreet3", "adresse2", "complementadresse",
            "complementdadresse", "rue2bureau", "rue3bureau"],
        [ImportField.PostalCode] = ["postalcode", "postcode", "zip", "zipcode", "businesspostalcode", "codepostal", "codepostalbureau", "cp"],
        [ImportField.City] = ["city", "town", "businesscity", "ville", "villebureau", "commune", "localite"],
        [ImportField.Country] = ["country", "countryregion", "businesscountryregion", "pays", "paysregion", "paysregionbureau"],
        [ImportField.CompanyPhone] = ["companyphone", "companymainphone", "mainphone", "switchboard", "standard", "telephonestandard",
            "telstandard", "telephonesociete", "telephonesocietestandard"],
        [ImportField.Website] = ["website", "web", "webpage", "url", "siteweb", "siteinternet", "pageweb"],
        [ImportField.ContactKey] = ["contactexternalkey", "contactkey", "contactid", "idcontact", "refcontact", "referencecontact"],
        [ImportField.FirstName] = ["firstname", "givenname", "prenom"],
        [ImportField.LastName] = ["lastname", "surname", "familyname", "nomdefamille", "contactlastname", "nomcontact"],
        [ImportField.JobTitle] = ["jobtitle", "position", "fonction", "poste"],
        [ImportField.Email] = ["email", "emailaddress", "mail", "courriel", "adresseemail", "adressemail", "adressedemessagerie", "contactemail"],
        [ImportField.Email2] = ["email2", "email2address", "emailaddress2", "courriel2", "adresseemail2", "adressedemessagerie2", "secondemail"],
        [ImportField.Phone] = ["businessphone", "workphone", "primaryphone", "contactphone", "telephonebureau", "telbureau",
            "telephoneprofessionnel", "teldirect", "lignedirecte"],
        [ImportField.Mobile] = ["mobile", "mobilephone", "cellphone", "cell", "portable", "telportable", "telephoneportable",
            "telephonemobile", "telmobile", "gsm"],
        [ImportField.Note] = ["notes", "note", "comment", "comments", "commentaire", "commentaires", "remarques", "observations"],
        [ImportField.LastVerified] = ["lastverified", "lastverifiedat", "verifiedon", "dateverification", "derniereverification", "verifiele"],
    });

    // Headers whose meaning depends on the rest of the file: "Name"/"Nom" is the contact's last name when
    // a first-name column is present, else the company's name; a bare "Phone" is the contact's in a
    // contact list, else the company's.
    private static readonly string[] AmbiguousName = ["name", "nom"];
    private static readonly string[] AmbiguousPhone = ["phone", "telephone", "tel", "phonenumber", "numerodetelephone"];

    public static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    public static ImportField[] Map(IReadOnlyList<string> headers, IReadOnlyDictionary<string, ImportField> overrides)
    {
        var keys = headers.Select(Normalize).ToArray();
        var fields = keys.Select(k => Aliases.GetValueOrDefault(k, ImportField.Ignore)).ToArray();
        var contactList = fields.Contains(ImportField.FirstName) || fields.Contains(ImportField.LastName);
        for (var i = 0; i < keys.Length; i++)
        {
            if (fields[i] != ImportField.Ignore) continue;
            if (AmbiguousName.Contains(keys[i]))
                fields[i] = fields.Contains(ImportField.FirstName) && !fields.Contains(ImportField.LastName) ? ImportField.LastName : ImportField.CompanyName;
            else if (AmbiguousPhone.Contains(keys[i]))
                fields[i] = contactList ? ImportField.Phone : ImportField.CompanyPhone;
        }
        foreach (var (header, field) in overrides)
        {
            var at = Array.FindIndex(keys, k => k == Normalize(header));
            if (at < 0) throw CrmProblem.Invalid("map", $"The file has no column '{header}'. Its columns are: {string.Join(", ", headers)}.");
            fields[at] = field;
        }
        // Two columns feeding one field would make the result depend on column order: the first one wins, the rest are listed as ignored.
        var seen = new HashSet<ImportField>();
        for (var i = 0; i < fields.Length; i++)
            if (fields[i] != ImportField.Ignore && !seen.Add(fields[i]) && fields[i] != ImportField.Street2) fields[i] = ImportField.Ignore;
        if (!fields.Contains(ImportField.CompanyName) && !fields.Contains(ImportField.CompanyKey))
            throw CrmProblem.Invalid("map", "No column names the company (for example \"Company\", \"Société\", \"Raison sociale\"). " +
                $"Map one with map=<column>=CompanyName. The file's columns are: {string.Join(", ", headers)}.");
        return fields;
    }

    // Overrides as given on the command line or the query string: "Column=Field" (Field may be "Ignore").
    public static Dictionary<string, ImportField> ParseOverrides(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, ImportField>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0 || !Enum.TryParse<ImportField>(pair[(eq + 1)..].Trim(), true, out var field) || !Enum.IsDefined(field))
                throw CrmProblem.Invalid("map", $"'{pair}' is not column=field. Fields: {string.Join(", ", Enum.GetNames<ImportField>())}.");
            result[pair[..eq].Trim()] = field;
        }
        return result;
    }

    private static Dictionary<string, ImportField> Build(Dictionary<ImportField, string[]> byField) =>
        byField.SelectMany(kv => kv.Value.Select(alias => (alias, kv.Key))).ToDictionary(x => x.alias, x => x.Key);
}

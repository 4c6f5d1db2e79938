using System.Globalization;
using System.Text;

namespace OutlookCrm.Api.Import;

// What a column can feed. Company columns identify or describe the company of the row; contact columns (when present)
// add a contact to it; Note adds the text as a note on the company. ContactOwner is the owner of a contact in the
// source CRM: checked like an account manager, it only chooses the manager of a company that line creates.
public enum ImportField
{
    Ignore,
    CompanyKey, CompanyName, Status, Category, AccountManager, Street, Street2, PostalCode, City, Country, CompanyPhone, Website,
    ContactKey, FirstName, LastName, JobTitle, Email, Email2, Phone, Mobile,
    Note, LastVerified,
    CompanyEmail, ContactOwner,
}

// Header names as other CRMs, spreadsheets and Outlook write them (the table is in ImportLayouts), compared without
// case, accents, spaces or punctuation ("Code postal (bureau)" == "codepostalbureau").
public static class ImportHeaders
{
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
        var fields = keys.Select(k => ImportLayouts.Aliases.GetValueOrDefault(k, ImportField.Ignore)).ToArray();
        // A file with a person's columns is a contact list; without them, its e-mail, phone and id describe the company.
        var contactList = fields.Any(f => f is ImportField.FirstName or ImportField.LastName or ImportField.JobTitle or ImportField.Mobile
            or ImportField.ContactKey or ImportField.ContactOwner or ImportField.Email2);
        for (var i = 0; i < keys.Length; i++)
        {
            if (fields[i] != ImportField.Ignore) continue;
            var k = keys[i];
            if (ImportLayouts.AmbiguousName.Contains(k))
                fields[i] = fields.Contains(ImportField.FirstName) && !fields.Contains(ImportField.LastName) ? ImportField.LastName : ImportField.CompanyName;
            else if (ImportLayouts.AmbiguousPhone.Contains(k)) fields[i] = contactList ? ImportField.Phone : ImportField.CompanyPhone;
            else if (ImportLayouts.AmbiguousEmail.Contains(k)) fields[i] = contactList ? ImportField.Email : ImportField.CompanyEmail;
            else if (ImportLayouts.AmbiguousId.Contains(k)) fields[i] = contactList ? ImportField.ContactKey : ImportField.CompanyKey;
            else if (ImportLayouts.CompanyStatusOnly.Contains(k) && !contactList) fields[i] = ImportField.Status;
        }
        // Second choices: used only when no column has the field already ("Title" is the job title in Salesforce and
        // Zoho, a civility in Outlook next to "Job Title"; a domain is the website when there is no website column).
        for (var i = 0; i < keys.Length; i++)
            if (fields[i] == ImportField.Ignore && ImportLayouts.Fallbacks.TryGetValue(keys[i], out var f) && !fields.Contains(f)
                && (contactList || f is not (ImportField.JobTitle or ImportField.LastName)) && (!contactList || f != ImportField.Status))
                fields[i] = f;
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
        var people = fields.Any(f => f is ImportField.FirstName or ImportField.LastName);
        if (!fields.Contains(ImportField.CompanyName) && !fields.Contains(ImportField.CompanyKey) && !people)
            throw CrmProblem.Invalid("map", "No column names the company (for example \"Company\", \"Société\", \"Raison sociale\"). " +
                $"Map one with map=<column>=CompanyName. The file's columns are: {string.Join(", ", headers)}.");
        return fields;
    }

    // Google Contacts' phones: "Phone 1 - Label" says whether "Phone 1 - Value" is a mobile. Pairs of (label, value) columns.
    public static (int Label, int Value)[] LabelledPhones(IReadOnlyList<string> headers)
    {
        var keys = headers.Select(Normalize).ToArray();
        var pairs = new List<(int, int)>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (!(keys[i].StartsWith("phone") && keys[i].EndsWith("value"))) continue;
            var stem = keys[i][..^"value".Length];
            var label = Array.FindIndex(keys, k => k == stem + "label" || k == stem + "type");
            pairs.Add((label, i));
        }
        return [.. pairs];
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
}

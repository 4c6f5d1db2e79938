using System.Globalization;
using System.Text;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Graph;

namespace OutlookCrm.SyncWorker.Sync;

// A CRM company with N contacts becomes N Outlook contacts, each carrying the company; one without
// contacts becomes a single company-only contact. Keys are stable CRM ids ("contact:12", "company:7").
public static class ContactFlattening
{
    public const int NoteLength = 280;
    private static readonly CultureInfo Money = CultureInfo.InvariantCulture;

    public static IReadOnlyList<(string Key, ContactFields Fields)> Flatten(SyncCompany company)
    {
        var notes = Intelligence(company);
        var categories = Categories(company);
        if (company.Contacts.Count == 0)
            return [($"company:{company.Id}", new ContactFields(company.Name, null, null, null, company.Name, [],
                ContactFields.Clean(company.Phone), null, ContactFields.Clean(company.Street), ContactFields.Clean(company.PostalCode),
                ContactFields.Clean(company.City), ContactFields.Clean(company.Country), categories, notes))];
        return company.Contacts.Select(k => ($"contact:{k.Id}", new ContactFields(
            DisplayName: $"{k.FirstName} {k.LastName}".Trim(), ContactFields.Clean(k.FirstName), ContactFields.Clean(k.LastName),
            ContactFields.Clean(k.JobTitle), company.Name,
            new[] { k.Email, k.Email2 }.Select(ContactFields.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            ContactFields.Clean(k.Phone) ?? ContactFields.Clean(company.Phone), ContactFields.Clean(k.Mobile),
            ContactFields.Clean(company.Street), ContactFields.Clean(company.PostalCode), ContactFields.Clean(company.City),
            ContactFields.Clean(company.Country), categories, notes))).ToList();
    }

    public static IReadOnlyList<string> Categories(SyncCompany c) =>
        c.Category is null ? [$"CRM {c.Status}"] : [$"CRM {c.Status}", $"CRM category {c.Category}"];

    // What a rep wants on the phone's contact card before a meeting.
    public static string Intelligence(SyncCompany c)
    {
        var text = new StringBuilder();
        text.Append("CRM: ").Append(c.Status);
        if (c.Category is not null) text.Append(", category ").Append(c.Category);
        text.Append('\n');
        if (c.AccountManagerName is not null) text.Append("Account manager: ").Append(c.AccountManagerName).Append('\n');
        text.Append("Sales this year: ").Append(Amount(c.SalesYearToDate))
            .Append(" (last year: ").Append(Amount(c.SalesLastYear)).Append(")\n");
        text.Append("Outstanding: ").Append(Amount(c.OutstandingAmount)).Append('\n');
        if (c.LastNotes.Count > 0)
        {
            text.Append("Last notes:\n");
            foreach (var n in c.LastNotes.Take(3))
                text.Append("- ").Append(n.CreatedAt.ToString("yyyy-MM-dd", Money)).Append(' ').Append(n.AuthorName).Append(": ")
                    .Append(Cut(n.Text.ReplaceLineEndings(" "), NoteLength)).Append('\n');
        }
        return ContactFields.Normalize(text.ToString());
    }

    private static string Amount(decimal value) => value.ToString("#,0.##", Money);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}

using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Contacts;
using F = OutlookCrm.Api.Import.ImportField;

namespace OutlookCrm.Api.Import;

// What a line changes in a record that has values, listed as "column: old → new"; conflicts between lines of one
// file; owners (account managers) named by the file.
public sealed partial class CsvImport
{
    private List<ImportChange> CompanyChanges(ImportRow row, CompanyRequest old, CompanyRequest @new) => Changes(row,
        (F.CompanyName, old.Name, @new.Name), (F.Status, old.Status.ToString(), @new.Status.ToString()),
        (F.Category, old.Category?.ToString(), @new.Category?.ToString()),
        (F.AccountManager, UserName(old.AccountManagerId), UserName(@new.AccountManagerId)),
        (F.Street, old.Street, @new.Street), (F.PostalCode, old.PostalCode, @new.PostalCode), (F.City, old.City, @new.City),
        (F.Country, old.Country, @new.Country), (F.CompanyPhone, old.Phone, @new.Phone), (F.Website, old.Website, @new.Website),
        (F.CompanyKey, old.ExternalKey, @new.ExternalKey), (F.CompanyEmail, old.Email, @new.Email));

    private static List<ImportChange> ContactChanges(ImportRow row, ContactRequest old, ContactRequest @new) => Changes(row,
        (F.LastName, old.LastName, @new.LastName), (F.FirstName, old.FirstName, @new.FirstName), (F.JobTitle, old.JobTitle, @new.JobTitle),
        (F.Email, old.Email, @new.Email), (F.Email2, old.Email2, @new.Email2), (F.Phone, old.Phone, @new.Phone),
        (F.Mobile, old.Mobile, @new.Mobile), (F.ContactKey, old.ExternalKey, @new.ExternalKey));

    // Every difference, empty values filled included (a conflict is any difference); Listed keeps the overwritten ones.
    private static List<ImportChange> Changes(ImportRow row, params (F Field, string? Old, string? New)[] values) =>
        [.. values.Where(v => v.Old != v.New).Select(v => new ImportChange(row.Line, "", row.Column(v.Field), v.Old, v.New))];

    // Overwriting a value the CRM has is never silent: the dry run and the summary list it.
    private void Listed(ImportRow row, string record, List<ImportChange> found) =>
        rowChanges.AddRange(found.Where(c => !string.IsNullOrEmpty(c.Old)).Select(c => c with { Record = record }));

    private static void Conflict(ImportRow row, int firstLine, string kind, List<ImportChange> found) =>
        row.Errors.Add(new ImportError(row.Line, found[0].Field,
            $"Conflict: line {firstLine} already describes this {kind}, and this line gives other values " +
            $"({string.Join("; ", found.Select(c => c.Text))}). A file gives each record once; this line is not applied."));

    // An owner named by the file is a CRM user found by sign-in address (e-mail) or display name; one not found refuses
    // the line (the record is never handed to someone else, least of all the person importing).
    private int? Owner(ImportRow row, F field)
    {
        if (row[field] is not { } raw) return null;
        var key = raw.Contains('@') ? raw.Trim().ToLowerInvariant() : ImportHeaders.Normalize(raw);
        if (users.TryGetValue(key, out var id) && id > 0) return id;
        row.Error(field, id < 0
            ? $"Several CRM users are named '{raw}': give the owner's e-mail (sign-in address) instead."
            : $"No active CRM user is '{raw}': add the user, or change the owner in the file to a user's e-mail or name. The line is not given to anyone else.");
        return null;
    }

    private async Task<Dictionary<string, int>> LoadUsers(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Upn, u.DisplayName, u.TerritoryId }).ToListAsync(ct);
        userNames = all.ToDictionary(u => u.Id, u => u.DisplayName);
        userTerritories = all.ToDictionary(u => u.Id, u => u.TerritoryId);
        var map = new Dictionary<string, int>();
        // Two users with one display name: that name designates neither (-1).
        foreach (var u in all) map[ImportHeaders.Normalize(u.DisplayName)] = map.ContainsKey(ImportHeaders.Normalize(u.DisplayName)) ? -1 : u.Id;
        foreach (var u in all) map[u.Upn.ToLowerInvariant()] = u.Id;
        return map;
    }

    private string? UserName(int? id) => id is int i ? userNames.GetValueOrDefault(i, $"user {i}") : null;
}

using OutlookCrm.Api.Contacts;
using OutlookCrm.Api.Quality;

namespace OutlookCrm.Api.Companies;

public sealed record CompanySuggestion(long Id, string Name, string? PostalCode, string? City, string? AccountManagerName, string Reason);

// addressKnown: the address is already a contact's, somewhere in the CRM (the 409 rule's one disclosed fact).
public sealed record CompanySuggestions(string? Domain, bool AddressKnown, IReadOnlyList<CompanySuggestion> Companies);

// What the pane offers before creating a contact, so it never creates a company the CRM already has:
// companies of the caller's scope whose website or contacts share the address's domain, or whose name
// (and postcode, when given) look like the one about to be created.
internal static class CompanySuggestionsApi
{
    // Personal mail providers say nothing about the company.
    private static readonly HashSet<string> FreeMail = ["gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr",
        "live.com", "live.fr", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr",
        "laposte.net", "gmx.fr", "gmx.com", "proton.me", "protonmail.com", "aol.com", "bbox.fr", "neuf.fr"];

    public static async Task<Ok<CompanySuggestions>> Suggest(string? email, string? name, string? postalCode, CrmDbContext db, Caller caller)
    {
        var address = ContactProjection.NormalizeEmail(email);
        if (address is null && string.IsNullOrWhiteSpace(name))
            throw CrmProblem.Invalid("email", "Give the e-mail address of the person, or the name of the company to create.");
        var domain = address is null ? null : DomainOf(address);
        if (address is not null && domain is null) throw CrmProblem.Invalid("email", $"'{email}' is not an e-mail address.");

        var visible = db.Companies.AsNoTracking().VisibleTo(caller);
        var found = new List<CompanySuggestion>();
        if (domain is not null && !FreeMail.Contains(domain))
        {
            var at = "@" + domain;
            var byContacts = await visible.Where(c => c.Contacts.Any(k => k.DeletedAt == null && (k.Email!.EndsWith(at) || k.Email2!.EndsWith(at))))
                .OrderBy(c => c.Name).Take(10).Select(c => new CompanySuggestion(c.Id, c.Name, c.PostalCode, c.City,
                    c.AccountManager != null ? c.AccountManager.DisplayName : null, "domain")).ToListAsync();
            // Websites are free text ("www.acme.fr", "https://acme.fr/contact"): narrowed in SQL, the host compared here.
            var bySite = (await visible.Where(c => c.Website != null && c.Website.ToLower().Contains(domain))
                    .OrderBy(c => c.Name).Take(20).Select(c => new { c.Website, S = new CompanySuggestion(c.Id, c.Name, c.PostalCode, c.City,
                        c.AccountManager != null ? c.AccountManager.DisplayName : null, "website") }).ToListAsync())
                .Where(x => HostOf(x.Website!) is { } host && (host == domain || host.EndsWith("." + domain))).Select(x => x.S);
            found.AddRange(byContacts.Concat(bySite));
        }
        if (!string.IsNullOrWhiteSpace(name)) found.AddRange(await SimilarNames(visible, name, postalCode));

        var companies = found.GroupBy(s => s.Id).Select(g => g.First()).Take(10).ToList();
        var known = address is not null && await ContactsApi.AddressKnownAsync(db, address);
        return TypedResults.Ok(new CompanySuggestions(domain, known, companies));
    }

    // Likely duplicates of a company about to be created: the same name key (legal forms ignored) or a close
    // spelling, in the same postcode when one is given.
    private static async Task<List<CompanySuggestion>> SimilarNames(IQueryable<Company> visible, string name, string? postalCode)
    {
        var key = Similarity.NameKey(name);
        var firstWord = key.Split(' ')[0];
        if (firstWord.Length < 3) return [];
        var query = visible.Where(c => c.Name.ToLower().Contains(firstWord));
        if (!string.IsNullOrWhiteSpace(postalCode)) { var pc = postalCode.Trim(); query = query.Where(c => c.PostalCode == pc); }
        var rows = await query.OrderBy(c => c.Id).Take(200).Select(c => new CompanySuggestion(c.Id, c.Name, c.PostalCode, c.City,
            c.AccountManager != null ? c.AccountManager.DisplayName : null, "name")).ToListAsync();
        return rows.Where(r => Similarity.SimilarNames(Similarity.NameKey(r.Name), key)).ToList();
    }

    public static string? DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        var domain = at > 0 && at < address.Length - 1 ? address[(at + 1)..].Trim().ToLowerInvariant() : null;
        return domain is not null && domain.Contains('.') ? domain : null;
    }

    private static string? HostOf(string website)
    {
        var text = website.Trim().ToLowerInvariant();
        if (!text.Contains("://")) text = "http://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? (uri.Host.StartsWith("www.") ? uri.Host[4..] : uri.Host) : null;
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Graph.Models;

namespace OutlookCrm.SyncWorker.Graph;

// The synced part of an Outlook contact. Its hash decides whether a write is needed; it is computed the same
// way from the CRM (desired) and from Graph (actual), so an Outlook edit of a synced field shows as a difference.
// Categories hold only the CRM's own ("CRM …"); the rep's other categories are theirs and are never written over.
public sealed record ContactFields(
    string DisplayName, string? GivenName, string? Surname, string? JobTitle, string CompanyName,
    IReadOnlyList<string> Emails, string? BusinessPhone, string? MobilePhone,
    string? Street, string? PostalCode, string? City, string? Country,
    IReadOnlyList<string> Categories, string Notes)
{
    public const string CategoryPrefix = "CRM";

    public string Hash() => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this)))[..32];

    // A create: every CRM-owned property that has a value (nothing is sent as null on a create).
    public ContactBody ToGraph(string crmKey) => Patch(null, this, [], crmKey);

    // Only what differs from `from` (null: everything). Each property set here is CRM-owned; nothing else is sent, so
    // the rep's own categories, extended properties and any field the CRM does not sync stay as they are.
    public static ContactBody Patch(ContactFields? from, ContactFields to, IReadOnlyList<string> repCategories, string? crmKey = null)
    {
        var c = new ContactBody();
        if (from?.DisplayName != to.DisplayName) c.DisplayName = to.DisplayName;
        if (from is null ? to.GivenName is not null : from.GivenName != to.GivenName) c.GivenName = new(to.GivenName);
        if (from is null ? to.Surname is not null : from.Surname != to.Surname) c.Surname = new(to.Surname);
        if (from is null ? to.JobTitle is not null : from.JobTitle != to.JobTitle) c.JobTitle = new(to.JobTitle);
        if (from?.CompanyName != to.CompanyName) c.CompanyName = to.CompanyName;
        if (from is null ? to.Emails.Count > 0 : !from.Emails.SequenceEqual(to.Emails)) c.Emails = to.Emails;
        if (from is null ? to.BusinessPhone is not null : from.BusinessPhone != to.BusinessPhone) c.BusinessPhones = to.BusinessPhone is null ? [] : [to.BusinessPhone];
        if (from is null ? to.MobilePhone is not null : from.MobilePhone != to.MobilePhone) c.MobilePhone = new(to.MobilePhone);
        if (from is null || (from.Street, from.PostalCode, from.City, from.Country) != (to.Street, to.PostalCode, to.City, to.Country))
        {
            // On a create only the parts that have a value; on an update all four (an emptied part is cleared).
            Sent<string?>? Part(string? value) => value is not null || from is not null ? new Sent<string?>(value) : null;
            c.BusinessAddress = new AddressBody(Part(to.Street), Part(to.PostalCode), Part(to.City), Part(to.Country));
        }
        if (from is null || !from.Categories.SequenceEqual(to.Categories)) c.Categories = [.. repCategories, .. to.Categories];
        if (from?.Notes != to.Notes) c.PersonalNotes = to.Notes;
        if (crmKey is not null) c.CrmKey = crmKey;
        return c;
    }

    public static ContactFields FromGraph(Contact c) => new(
        c.DisplayName ?? "", Clean(c.GivenName), Clean(c.Surname), Clean(c.JobTitle), c.CompanyName ?? "",
        (c.EmailAddresses ?? []).Select(e => e.Address).OfType<string>().Where(a => a.Length > 0).ToList(),
        Clean(c.BusinessPhones?.FirstOrDefault()), Clean(c.MobilePhone),
        Clean(c.BusinessAddress?.Street), Clean(c.BusinessAddress?.PostalCode), Clean(c.BusinessAddress?.City),
        Clean(c.BusinessAddress?.CountryOrRegion),
        (c.Categories ?? []).Where(IsCrmCategory).ToList(), Normalize(c.PersonalNotes ?? ""));

    public static List<string> RepCategories(Contact c) => (c.Categories ?? []).Where(x => !IsCrmCategory(x)).ToList();

    public static bool IsCrmCategory(string category) =>
        category == CategoryPrefix || category.StartsWith(CategoryPrefix + " ", StringComparison.Ordinal);

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // Exchange stores line breaks as CRLF; compare notes without caring which.
    public static string Normalize(string notes) => notes.Replace("\r\n", "\n").TrimEnd();
}

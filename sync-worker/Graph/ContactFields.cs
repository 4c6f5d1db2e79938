using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Graph.Models;

namespace OutlookCrm.SyncWorker.Graph;

// The synced part of an Outlook contact. Its hash decides whether a write is needed; it is computed the same
// way from the CRM (desired) and from Graph (actual), so an Outlook edit of a synced field shows as a difference.
public sealed record ContactFields(
    string DisplayName, string? GivenName, string? Surname, string? JobTitle, string CompanyName,
    IReadOnlyList<string> Emails, string? BusinessPhone, string? MobilePhone,
    string? Street, string? PostalCode, string? City, string? Country,
    IReadOnlyList<string> Categories, string Notes)
{
    public string Hash() => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this)))[..32];

    public Contact ToGraph(string? crmKey) => new()
    {
        DisplayName = DisplayName, GivenName = GivenName, Surname = Surname, JobTitle = JobTitle, CompanyName = CompanyName,
        EmailAddresses = Emails.Select(e => new EmailAddress { Address = e, Name = e }).ToList(),
        BusinessPhones = BusinessPhone is null ? [] : [BusinessPhone],
        MobilePhone = MobilePhone,
        BusinessAddress = new PhysicalAddress { Street = Street, PostalCode = PostalCode, City = City, CountryOrRegion = Country },
        Categories = Categories.ToList(),
        PersonalNotes = Notes,
        SingleValueExtendedProperties = crmKey is null ? null : CrmIdProperty.For(crmKey),
    };

    public static ContactFields FromGraph(Contact c) => new(
        c.DisplayName ?? "", Clean(c.GivenName), Clean(c.Surname), Clean(c.JobTitle), c.CompanyName ?? "",
        (c.EmailAddresses ?? []).Select(e => e.Address).OfType<string>().Where(a => a.Length > 0).ToList(),
        Clean(c.BusinessPhones?.FirstOrDefault()), Clean(c.MobilePhone),
        Clean(c.BusinessAddress?.Street), Clean(c.BusinessAddress?.PostalCode), Clean(c.BusinessAddress?.City),
        Clean(c.BusinessAddress?.CountryOrRegion),
        (c.Categories ?? []).ToList(), Normalize(c.PersonalNotes ?? ""));

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // Exchange stores line breaks as CRLF; compare notes without caring which.
    public static string Normalize(string notes) => notes.Replace("\r\n", "\n").TrimEnd();
}

using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Export;

// The three exports, each limited to what the caller may see (the same VisibleTo as every list).
// Dates of verification are days (the importer compares them by day); times of activities are UTC.
internal static class ExportTables
{
    public static ExportTable? For(string kind, CrmDbContext db, Caller caller) => kind.ToLowerInvariant() switch
    {
        "companies" => Companies(db, caller),
        "contacts" => Contacts(db, caller),
        "activities" => Activities(db, caller),
        _ => null,
    };

    private static ExportTable Companies(CrmDbContext db, Caller caller) => new("Companies",
    [
        new("CRM id", 10, XlsxStyle.Integer), new("External key"), new("Company", 32), new("Status", 12), new("Category", 10),
        new("Account manager", 26), new("Territory"), new("Street", 30), new("Postal code", 12), new("City"), new("Country", 12),
        new("Company phone"), new("Company email", 30), new("Website", 24), new("Sales YTD", 14, XlsxStyle.Decimal), new("Sales last year", 14, XlsxStyle.Decimal),
        new("Outstanding", 14, XlsxStyle.Decimal), new("Last verified", 12, XlsxStyle.Date),
    ],
    db.Companies.AsNoTracking().VisibleTo(caller).OrderBy(c => c.Id).Select(c => new object?[]
    {
        c.Id, c.ExternalKey, c.Name, c.Status.ToString(), c.Category.ToString(),
        c.AccountManager != null ? c.AccountManager.Upn : null, c.Territory != null ? c.Territory.Name : null,
        c.Street, c.PostalCode, c.City, c.Country, c.Phone, c.Email, c.Website, c.SalesYearToDate, c.SalesLastYear, c.OutstandingAmount,
        c.LastVerifiedAt,
    }).AsAsyncEnumerable());

    private static ExportTable Contacts(CrmDbContext db, Caller caller) => new("Contacts",
    [
        new("CRM id", 10, XlsxStyle.Integer), new("Contact key"), new("Company key"), new("Company", 32), new("Postal code", 12),
        new("First name"), new("Last name"), new("Job title", 24), new("Email", 30), new("Email 2", 30), new("Phone"), new("Mobile"),
        new("Last verified", 12, XlsxStyle.Date),
    ],
    db.Contacts.AsNoTracking().VisibleTo(db, caller).OrderBy(k => k.Id).Select(k => new object?[]
    {
        k.Id, k.ExternalKey, k.Company!.ExternalKey, k.Company.Name, k.Company.PostalCode, k.FirstName, k.LastName, k.JobTitle,
        k.Email, k.Email2, k.Phone, k.Mobile, k.LastVerifiedAt,
    }).AsAsyncEnumerable());

    private static ExportTable Activities(CrmDbContext db, Caller caller) => new("Activities",
    [
        new("CRM id", 10, XlsxStyle.Integer), new("Type", 10), new("Status", 10), new("Subject", 32), new("Start (UTC)", 17, XlsxStyle.DateTime),
        new("End (UTC)", 17, XlsxStyle.DateTime), new("Time zone"), new("Company", 32), new("Company key"), new("Owner", 26),
        new("Outcome", 30), new("Location", 20), new("Notes", 8, XlsxStyle.Integer), new("Closed at (UTC)", 17, XlsxStyle.DateTime),
    ],
    db.Activities.AsNoTracking().VisibleTo(db, caller).OrderBy(a => a.Id).Select(a => new object?[]
    {
        a.Id, a.Type.ToString(), a.Status.ToString(), a.Subject, a.StartUtc, a.EndUtc, a.TimeZone, a.Company!.Name, a.Company.ExternalKey,
        a.Owner!.Upn, a.Outcome, a.Location, db.Notes.Count(n => n.ActivityId == a.Id), a.ClosedAt,
    }).AsAsyncEnumerable());
}

using System.ComponentModel.DataAnnotations;

namespace OutlookCrm.Api.Erp;

// The daily push as JSON (the CSV file carries the same columns, one line per company figures and/or order).
public sealed record ErpPush(DateTime? AsOf, [property: Required, MaxLength(200_000)] List<ErpCompany> Companies);

public sealed record ErpCompany(string? CompanyKey, decimal? SalesThisYear = null, decimal? SalesLastYear = null, decimal? Outstanding = null,
    List<ErpOrder>? Orders = null);

public sealed record ErpOrder(string? Number, DateOnly? Date, decimal? Amount);

// One line of the feed, whichever way it came. Line: the CSV line (header = 1) or the JSON item (companies[0] = 1).
public sealed record ErpLine(int Line, string? CompanyKey, decimal? SalesThisYear, decimal? SalesLastYear, decimal? Outstanding,
    string? OrderNumber, DateOnly? OrderDate, decimal? OrderAmount);

public sealed record ErpError(int Line, string Column, string Reason);

public sealed record ErpCounts(int Created, int Updated, int Unchanged);

public sealed record ErpFeedSummary(bool DryRun, bool Committed, DateTime AsOf, int Lines, int CompaniesUpdated, int CompaniesRefreshed,
    int CompaniesUnchanged, ErpCounts Orders, IReadOnlyList<ErpError> Errors)
{
    public string Message => (DryRun, Committed) switch
    {
        (true, _) => $"Dry run: {Lines} lines; would update {CompaniesUpdated} companies' figures, create {Orders.Created} and update {Orders.Updated} orders; "
            + $"{Errors.Count} errors. Nothing was saved.",
        (false, true) => $"ERP feed applied: {CompaniesUpdated} companies' figures updated, {CompaniesRefreshed} confirmed, {CompaniesUnchanged} unchanged; "
            + $"{Orders.Created} orders created, {Orders.Updated} updated, {Orders.Unchanged} unchanged.",
        _ => $"Nothing was applied: {Errors.Count} errors. Fix them and send the whole feed again.",
    };
}

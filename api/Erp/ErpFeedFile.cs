using System.Globalization;
using OutlookCrm.Api.Products;

namespace OutlookCrm.Api.Erp;

// Turns the CSV/xlsx file or the JSON push into feed lines, collecting format errors per line (docs/sales.md, "The ERP feed").
public static class ErpFeedFile
{
    public static readonly string[] Columns = ["CompanyKey", "SalesThisYear", "SalesLastYear", "Outstanding", "OrderNumber", "OrderDate", "OrderAmount"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public static List<ErpLine> FromTable(List<TableRow> rows, List<ErpError> errors)
    {
        if (rows.Count == 0) throw Import.CsvEncoding.Refused("The file has a header line but no data rows.");
        if (!rows[0].Cells.ContainsKey("CompanyKey"))
        {
            errors.Add(new ErpError(1, "CompanyKey", $"Column 'CompanyKey' is missing (columns: {string.Join(", ", Columns)})."));
            return [];
        }
        var lines = new List<ErpLine>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            decimal? Amount(string column)
            {
                if (row[column] is not { } text) return null;
                if (DecimalText.TryParse(text, 2, out var v, out var why)) return v;
                errors.Add(new ErpError(row.Line, column, why));
                return null;
            }
            var line = new ErpLine(row.Line, row["CompanyKey"], Amount("SalesThisYear"), Amount("SalesLastYear"), Amount("Outstanding"),
                row["OrderNumber"], null, Amount("OrderAmount"));
            if (row["OrderDate"] is { } d)
            {
                if (DateOnly.TryParseExact(d, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) line = line with { OrderDate = date };
                // Excel stores dates as day numbers; the sheet reader hands them over as such.
                else if (int.TryParse(d, out var serial) && serial is > 20000 and < 80000) line = line with { OrderDate = DateOnly.FromDateTime(DateTime.FromOADate(serial)) };
                else errors.Add(new ErpError(row.Line, "OrderDate", $"'{d}' is not a date (yyyy-mm-dd or dd/mm/yyyy)"));
            }
            if (errors.Count == before) lines.Add(line);
        }
        return lines;
    }

    public static List<ErpLine> FromPush(ErpPush push, List<ErpError> errors)
    {
        var lines = new List<ErpLine>();
        foreach (var (c, i) in push.Companies.Select((c, i) => (c, i)))
        {
            if (c is null) { errors.Add(new ErpError(i + 1, $"companies[{i}]", "is null")); continue; }
            var orders = c.Orders ?? [];
            var figures = c.SalesThisYear is not null || c.SalesLastYear is not null || c.Outstanding is not null;
            foreach (var (amount, name) in new[] { (c.SalesThisYear, "salesThisYear"), (c.SalesLastYear, "salesLastYear"), (c.Outstanding, "outstanding") })
                if (amount is decimal a && DecimalText.TryParse(a.ToString(CultureInfo.InvariantCulture), 2, out _, out var why) is false)
                    errors.Add(new ErpError(i + 1, $"companies[{i}].{name}", why));
            if (figures || orders.Count == 0) lines.Add(new ErpLine(i + 1, c.CompanyKey, c.SalesThisYear, c.SalesLastYear, c.Outstanding, null, null, null));
            foreach (var o in orders)
            {
                if (o?.Amount is decimal a && !DecimalText.TryParse(a.ToString(CultureInfo.InvariantCulture), 2, out _, out var why))
                    errors.Add(new ErpError(i + 1, $"companies[{i}].orders.amount", why));
                lines.Add(new ErpLine(i + 1, c.CompanyKey, null, null, null, o?.Number, o?.Date, o?.Amount));
            }
        }
        return lines;
    }
}

using System.Globalization;

namespace OutlookCrm.Api.Products;

// Amounts as ERP exports and French or English spreadsheets write them: "1234.56", "1234,56", "1 234,56", "-12".
// One decimal separator (dot or comma) with at most `decimals` digits after it; thousands only grouped by spaces.
// Anything else ("1,234.56", "1.234", "12 €", "1e3") is refused with the reason, never guessed.
public static class DecimalText
{
    public static bool TryParse(string? text, int decimals, out decimal value, out string reason)
    {
        value = 0;
        reason = "";
        var s = (text ?? "").Trim().Replace("\u00A0", "").Replace("\u202F", "").Replace(" ", "");
        if (s.Length == 0) { reason = "is empty"; return false; }
        var dots = s.Count(c => c == '.');
        var commas = s.Count(c => c == ',');
        if (dots + commas > 1) { reason = $"'{text}' is not a number: use one decimal separator and no thousands separator other than a space"; return false; }
        var body = s.TrimStart('-');
        if (s.Length - body.Length > 1 || body.Length == 0 || body.Any(c => !char.IsAsciiDigit(c) && c != '.' && c != ','))
        { reason = $"'{text}' is not a number"; return false; }
        var sep = body.IndexOfAny(['.', ',']);
        if (sep == 0 || sep == body.Length - 1) { reason = $"'{text}' is not a number"; return false; }
        if (sep > 0 && body.Length - sep - 1 > decimals)
        { reason = $"'{text}' has more than {decimals} decimals (or uses '{body[sep]}' as a thousands separator)"; return false; }
        if (!decimal.TryParse(s.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            || Math.Abs(value) >= 1_000_000_000_000m)
        { reason = $"'{text}' is out of range"; return false; }
        return true;
    }
}

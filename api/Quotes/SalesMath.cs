namespace OutlookCrm.Api.Quotes;

public sealed record LineInput(string Description, decimal Quantity, decimal UnitPrice, decimal DiscountPercent, decimal VatRate);

public sealed record VatShare(decimal Rate, decimal Base, decimal Vat);

public sealed record Totals(decimal ExclVat, decimal Vat, decimal InclVat, IReadOnlyList<VatShare> ByRate);

// The one place quote and order amounts are computed (docs/sales.md, "Totals and rounding"):
// - a line's net = quantity × unit price × (1 − discount / 100), rounded to the cent, half away from zero;
// - total excluding VAT = the sum of the rounded line nets;
// - VAT = for each rate, (sum of the nets at that rate) × rate / 100, rounded to the cent half away from zero,
//   then summed (VAT is rounded per rate, not per line, as an invoice states it);
// - total including VAT = total excluding VAT + VAT.
// Inputs carry at most 3 decimals of quantity, 4 of unit price and 2 of discount and VAT rate: more is refused, never rounded silently.
public static class SalesMath
{
    public const int QuantityDecimals = 3, UnitPriceDecimals = 4, RateDecimals = 2;
    public const decimal MaxQuantity = 1_000_000m, MaxUnitPrice = 1_000_000_000m;

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal LineNet(decimal quantity, decimal unitPrice, decimal discountPercent) =>
        Cents(quantity * unitPrice * (100m - discountPercent) / 100m);

    public static Totals Compute(IEnumerable<(decimal Net, decimal VatRate)> lines)
    {
        var byRate = lines.GroupBy(l => l.VatRate).OrderBy(g => g.Key)
            .Select(g => { var b = g.Sum(l => l.Net); return new VatShare(g.Key, b, Cents(b * g.Key / 100m)); }).ToList();
        var excl = byRate.Sum(r => r.Base);
        var vat = byRate.Sum(r => r.Vat);
        return new Totals(excl, vat, excl + vat, byRate);
    }

    // The reason a line is refused, or null.
    public static string? Check(LineInput line)
    {
        if (string.IsNullOrWhiteSpace(line.Description)) return "A line needs a description (or a product).";
        if (line.Quantity <= 0 || line.Quantity > MaxQuantity) return $"Quantity must be above 0 and at most {MaxQuantity:N0}.";
        if (Decimals(line.Quantity) > QuantityDecimals) return $"Quantity has more than {QuantityDecimals} decimals.";
        if (line.UnitPrice < 0 || line.UnitPrice > MaxUnitPrice) return "Unit price must be between 0 and 1,000,000,000.";
        if (Decimals(line.UnitPrice) > UnitPriceDecimals) return $"Unit price has more than {UnitPriceDecimals} decimals.";
        if (line.DiscountPercent is < 0 or > 100 || Decimals(line.DiscountPercent) > RateDecimals) return "Discount must be a percentage from 0 to 100 with at most 2 decimals.";
        return CheckVat(line.VatRate);
    }

    public static string? CheckVat(decimal rate) =>
        rate is < 0 or > 100 || Decimals(rate) > RateDecimals ? "VAT rate must be a percentage from 0 to 100 with at most 2 decimals." : null;

    // Significant decimals: 1.50 has 1, 2.125 has 3.
    public static int Decimals(decimal value)
    {
        value = value / 1.0000000000000000000000000000m;
        return (decimal.GetBits(value)[3] >> 16) & 0xFF;
    }
}

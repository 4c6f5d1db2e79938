using OutlookCrm.Api.Products;
using OutlookCrm.Api.Quotes;

namespace OutlookCrm.Api.Tests.Sales;

[TestClass]
public sealed class SalesMathTests
{
    [TestMethod]
    public void ALineNetIsRoundedToTheCentHalfAwayFromZero()
    {
        // 3 × 0.335 = 1.005 → 1.01 (banker's rounding would give 1.00).
        Assert.AreEqual(1.01m, SalesMath.LineNet(3, 0.335m, 0));
        // 1 × 10.00 with 33.33 % off = 6.667 → 6.67.
        Assert.AreEqual(6.67m, SalesMath.LineNet(1, 10m, 33.33m));
        // 2.5 × 0.01 = 0.025 → 0.03.
        Assert.AreEqual(0.03m, SalesMath.LineNet(2.5m, 0.01m, 0));
    }

    [TestMethod]
    public void VatIsRoundedOncePerRateNotPerLine()
    {
        // Three lines of 0.05 at 10 %: per line 0.005 → 0.01 each = 0.03; per rate 0.15 × 10 % = 0.015 → 0.02.
        var totals = SalesMath.Compute([(0.05m, 10m), (0.05m, 10m), (0.05m, 10m), (100m, 20m)]);
        Assert.AreEqual(100.15m, totals.ExclVat);
        Assert.AreEqual(20.02m, totals.Vat);
        Assert.AreEqual(120.17m, totals.InclVat);
        Assert.AreEqual(2, totals.ByRate.Count);
        Assert.AreEqual(0.02m, totals.ByRate.Single(r => r.Rate == 10m).Vat);
    }

    [TestMethod]
    public void TooManyDecimalsAreRefusedNotRounded()
    {
        Assert.IsNotNull(SalesMath.Check(new LineInput("x", 1.0001m, 1, 0, 20)));
        Assert.IsNotNull(SalesMath.Check(new LineInput("x", 1, 1.00001m, 0, 20)));
        Assert.IsNotNull(SalesMath.Check(new LineInput("x", 1, 1, 10.005m, 20)));
        Assert.IsNotNull(SalesMath.Check(new LineInput("x", 1, 1, 0, 5.555m)));
        Assert.IsNotNull(SalesMath.Check(new LineInput("x", 0, 1, 0, 20)));
        Assert.IsNull(SalesMath.Check(new LineInput("x", 1.500m, 19.9900m, 12.50m, 5.50m)));
        Assert.AreEqual(1, SalesMath.Decimals(1.50m));
        Assert.AreEqual(0, SalesMath.Decimals(100m));
    }

    [TestMethod]
    public void AmountsInEnglishOrFrenchFormAreReadAndAmbiguousOnesRefused()
    {
        foreach (var (text, expected) in new[] { ("1234.56", 1234.56m), ("1234,56", 1234.56m), ("1 234,56", 1234.56m), ("1\u00A0234,5", 1234.5m), ("-12", -12m) })
        {
            Assert.IsTrue(DecimalText.TryParse(text, 2, out var v, out var why), $"{text}: {why}");
            Assert.AreEqual(expected, v, text);
        }
        foreach (var text in new[] { "1,234.56", "1.234", "12 €", "1e3", "abc", "--1", "1.", ",5", "" })
            Assert.IsFalse(DecimalText.TryParse(text, 2, out _, out _), text);
    }
}

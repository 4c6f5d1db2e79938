using DocumentFormat.OpenXml.Spreadsheet;

namespace OutlookCrm.Api.Spreadsheets;

// Cell formats every workbook shares. The enum value is the index in cellXfs, so a cell just names it.
public enum XlsxStyle : uint
{
    Text = 0,
    Header = 1,       // bold, grey fill, bottom border, wrapped
    Integer = 2,      // #,##0
    Decimal = 3,      // #,##0.00
    Percent = 4,      // 0.0%
    Date = 5,         // yyyy-mm-dd
    DateTime = 6,     // yyyy-mm-dd hh:mm
    TotalText = 7,    // the Total* styles: bold with a top border, for totals rows
    TotalInteger = 8,
    TotalDecimal = 9,
    TotalPercent = 10,
    Title = 11,       // bold, larger: a sheet's title line
    WrapText = 12,
    Currency = 13,    // #,##0.00 € (the reports' amounts)
    TotalCurrency = 14,
    Decimal1 = 15,    // #,##0.0 (objectives)
    TotalDecimal1 = 16,
}

internal static class XlsxStyles
{
    private const uint IntegerFmt = 3, DecimalFmt = 4, PercentFmt = 164, DateFmt = 165, DateTimeFmt = 166, CurrencyFmt = 167, Decimal1Fmt = 168;

    public static Stylesheet Build()
    {
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = PercentFmt, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = DateFmt, FormatCode = "yyyy\\-mm\\-dd" },
            new NumberingFormat { NumberFormatId = DateTimeFmt, FormatCode = "yyyy\\-mm\\-dd\\ hh:mm" },
            new NumberingFormat { NumberFormatId = CurrencyFmt, FormatCode = "#,##0.00\\ \"€\"" },
            new NumberingFormat { NumberFormatId = Decimal1Fmt, FormatCode = "#,##0.0" }) { Count = 5 };
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" })) { Count = 3 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })) { Count = 3 };
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                new BottomBorder(new Color { Rgb = "FF8EA9DB" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(),
                new TopBorder(new Color { Rgb = "FF000000" }) { Style = BorderStyleValues.Thin }, new BottomBorder(), new DiagonalBorder()))
        { Count = 3 };
        var formats = new CellFormats(
            Xf(0, 0, 0, 0),
            Xf(0, 1, 2, 1, wrap: true),
            Xf(IntegerFmt, 0, 0, 0),
            Xf(DecimalFmt, 0, 0, 0),
            Xf(PercentFmt, 0, 0, 0),
            Xf(DateFmt, 0, 0, 0),
            Xf(DateTimeFmt, 0, 0, 0),
            Xf(0, 1, 0, 2),
            Xf(IntegerFmt, 1, 0, 2),
            Xf(DecimalFmt, 1, 0, 2),
            Xf(PercentFmt, 1, 0, 2),
            Xf(0, 2, 0, 0),
            Xf(0, 0, 0, 0, wrap: true),
            Xf(CurrencyFmt, 0, 0, 0),
            Xf(CurrencyFmt, 1, 0, 2),
            Xf(Decimal1Fmt, 0, 0, 0),
            Xf(Decimal1Fmt, 1, 0, 2)) { Count = 17 };
        return new Stylesheet(numberFormats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private static CellFormat Xf(uint numberFormat, uint font, uint fill, uint border, bool wrap = false)
    {
        var xf = new CellFormat
        {
            NumberFormatId = numberFormat, FontId = font, FillId = fill, BorderId = border, FormatId = 0,
            ApplyNumberFormat = numberFormat != 0, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
        };
        if (wrap)
        {
            xf.ApplyAlignment = true;
            xf.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
        }
        return xf;
    }

    public static bool IsNumeric(this XlsxStyle s) => s is not (XlsxStyle.Text or XlsxStyle.Header or XlsxStyle.TotalText
        or XlsxStyle.Title or XlsxStyle.WrapText);

    public static XlsxStyle Total(this XlsxStyle s) => s switch
    {
        XlsxStyle.Integer => XlsxStyle.TotalInteger,
        XlsxStyle.Decimal => XlsxStyle.TotalDecimal,
        XlsxStyle.Percent => XlsxStyle.TotalPercent,
        XlsxStyle.Currency => XlsxStyle.TotalCurrency,
        XlsxStyle.Decimal1 => XlsxStyle.TotalDecimal1,
        _ => XlsxStyle.TotalText,
    };
}

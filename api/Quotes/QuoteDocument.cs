using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace OutlookCrm.Api.Quotes;

// The quote a rep sends: a Word document (Open XML SDK) with the customer's details, the lines and the totals.
// GET /api/quotes/{id}/document; the task pane attaches it to a mail being composed.
internal static class QuoteDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static async Task<FileContentHttpResult> GetDocument(long id, CrmDbContext db, Caller caller, IConfiguration config)
    {
        var quote = await QuotesApi.Read(db, caller, id, SalesClock.Today(config), null);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == quote.CompanyId)
            .Select(c => new { c.Name, c.Street, c.PostalCode, c.City, c.Country, c.Phone }).FirstAsync();
        var address = new[] { company.Street, $"{company.PostalCode} {company.City}".Trim(), company.Country, company.Phone }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList();
        return TypedResults.File(Build(quote, company.Name, address), ContentType, $"{quote.Number}.docx");
    }

    public static byte[] Build(QuoteDto q, string customer, IReadOnlyList<string> address)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para($"Devis {q.Number}", bold: true, size: 32));
            body.Append(Para($"Date : {q.CreatedAt:dd/MM/yyyy} — valable jusqu'au {q.ValidUntil:dd/MM/yyyy}"));
            body.Append(Para($"Affaire : {q.DealTitle}"));
            body.Append(Para(customer, bold: true));
            foreach (var line in address) body.Append(Para(line));
            body.Append(Para($"Interlocuteur : {q.OwnerName}"));
            body.Append(Lines(q));
            body.Append(Para(""));
            body.Append(Para($"Total HT : {Money(q.TotalExclVat)}"));
            foreach (var v in q.VatByRate) body.Append(Para($"TVA {v.Rate.ToString("0.##", Fr)} % sur {Money(v.Base)} : {Money(v.Vat)}"));
            body.Append(Para($"Total TTC : {Money(q.TotalInclVat)}", bold: true));
            if (!string.IsNullOrWhiteSpace(q.Terms)) body.Append(Para(q.Terms));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Table Lines(QuoteDto q)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 })),
            // Column widths in twentieths of a point over the 17 cm text width; Word requires the grid.
            new TableGrid(new[] { 1100, 3700, 700, 1300, 900, 700, 1238 }.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(true, "Réf.", "Désignation", "Qté", "PU HT", "Remise", "TVA", "Montant HT"));
        foreach (var l in q.Lines)
            table.Append(Row(false, l.ProductCode ?? "", l.Description, l.Quantity.ToString("0.###", Fr), Money(l.UnitPrice),
                l.DiscountPercent == 0 ? "" : $"{l.DiscountPercent.ToString("0.##", Fr)} %", $"{l.VatRate.ToString("0.##", Fr)} %", Money(l.NetAmount)));
        return table;
    }

    private static TableRow Row(bool header, params string[] cells) =>
        new(cells.Select(c => new TableCell(Para(c, bold: header))));

    private static Paragraph Para(string text, bool bold = false, int? size = null)
    {
        var props = new RunProperties();
        if (bold) props.Append(new Bold());
        if (size is int s) props.Append(new FontSize { Val = s.ToString(CultureInfo.InvariantCulture) });
        return new Paragraph(new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    // Unit prices may carry 4 decimals; amounts 2. Written the French way: 1 234,50 €.
    private static string Money(decimal amount) =>
        amount.ToString(SalesMath.Decimals(amount) > 2 ? "#,##0.00##" : "#,##0.00", Fr) + " €";
}

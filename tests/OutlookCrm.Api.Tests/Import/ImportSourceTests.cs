using System.Text;
using OutlookCrm.Api.Import;

namespace OutlookCrm.Api.Tests.Import;

[TestClass]
public sealed class ImportSourceTests
{
    private static CsvSource Csv(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)), null);

    [TestMethod]
    public void TheSeparatorIsDetectedFromTheFile()
    {
        Assert.AreEqual(";", Csv("Raison sociale;Ville;\"Adresse, rue\"\r\nA;B;C\r\n").Separator);
        Assert.AreEqual(",", Csv("\"Company; Inc\",City,Phone\r\nA,B,C\r\n").Separator);
        Assert.AreEqual("tab", Csv("Company\tCity\r\nA\tB\r\n").Separator);
    }

    [TestMethod]
    public void QuotedFieldsKeepSeparatorsQuotesAndLineBreaksAndLinesAreCountedAsInAnEditor()
    {
        using var source = Csv("h1,h2,h3\r\na,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\nc,\"two\nlines\",d\ne,f,g");
        var records = source.Records().ToList();

        Assert.AreEqual(3, records.Count);
        CollectionAssert.AreEqual(new[] { "a", "b,1", "say \"hi\"" }, records[0].Fields);
        CollectionAssert.AreEqual(new[] { "c", "two\nlines", "d" }, records[1].Fields);
        Assert.AreEqual((2, 4, 6), (records[0].Line, records[1].Line, records[2].Line));
    }

    [TestMethod]
    public void AnOverlongValueOrAQuoteNeverClosedStopsTheReaderNamingTheLine()
    {
        var open = Assert.ThrowsExactly<ImportFormatException>(() => Csv("Company,City\r\nA,B\r\n\"Left open,C\r\nD,E\r\n").Records().ToList());
        Assert.AreEqual(3, open.Line);
        var text = "Company,City\r\nA,\"" + new string('x', CsvSource.MaxFieldLength + 10) + "\"\r\n";
        Assert.AreEqual(2, Assert.ThrowsExactly<ImportFormatException>(() => Csv(text).Records().ToList()).Line);
    }

    [TestMethod]
    public void AStrayQuoteInsideAValueIsKeptAsText()
    {
        using var source = Csv("Company,City\r\nLe \"Bon\" Coin,Paris\r\n");
        Assert.AreEqual("Le \"Bon\" Coin", source.Records().Single().Fields[0]);
    }

    [TestMethod]
    public void HeadersAreRecognisedInEnglishFrenchAndOutlookSpelling()
    {
        var fields = ImportHeaders.Map(["Raison sociale", "Code postal (bureau)", "E-mail Address", "Prénom", "Nom", "Tél. mobile", "Téléphone"],
            new Dictionary<string, ImportField>());
        CollectionAssert.AreEqual(new[] { ImportField.CompanyName, ImportField.PostalCode, ImportField.Email, ImportField.FirstName,
            ImportField.LastName, ImportField.Mobile, ImportField.Phone }, fields);
        Assert.AreEqual(ImportField.CompanyPhone, ImportHeaders.Map(["Company", "Phone"], new Dictionary<string, ImportField>())[1],
            "without contact columns a phone is the company's");
    }
}

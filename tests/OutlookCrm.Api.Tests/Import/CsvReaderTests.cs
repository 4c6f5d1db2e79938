using OutlookCrm.Api.Import;

namespace OutlookCrm.Api.Tests.Import;

[TestClass]
public sealed class CsvReaderTests
{
    [TestMethod]
    public void TheSeparatorIsWhicheverSplitsTheHeaderMost()
    {
        Assert.AreEqual(';', CsvReader.DetectSeparator("Raison sociale;Ville;\"Adresse, rue\""));
        Assert.AreEqual(',', CsvReader.DetectSeparator("\"Company; Inc\",City,Phone"));
        Assert.AreEqual('\t', CsvReader.DetectSeparator("Company\tCity"));
    }

    [TestMethod]
    public void QuotedFieldsKeepSeparatorsQuotesAndLineBreaksAndLinesAreCountedAsInAnEditor()
    {
        var text = "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\nc,\"two\nlines\",d\ne,f,g";
        var records = new CsvReader(new StringReader(text), ',', firstLine: 2).Records().ToList();

        Assert.AreEqual(3, records.Count);
        CollectionAssert.AreEqual(new[] { "a", "b,1", "say \"hi\"" }, records[0].Fields);
        CollectionAssert.AreEqual(new[] { "c", "two\nlines", "d" }, records[1].Fields);
        Assert.AreEqual((2, 4, 6), (records[0].Line, records[1].Line, records[2].Line));
    }

    [TestMethod]
    public void AnOverlongValueStopsTheReaderInsteadOfFillingMemory()
    {
        var text = "\"" + new string('x', CsvReader.MaxFieldLength + 10);
        var e = Assert.ThrowsExactly<CsvFormatException>(() => new CsvReader(new StringReader(text), ',').Records().ToList());
        Assert.AreEqual(1, e.Line);
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

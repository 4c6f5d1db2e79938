using System.Xml;

namespace OutlookCrm.Api.Spreadsheets;

// The packaging plumbing System.IO.Packaging would otherwise write: content types and relationship parts.
internal static class XlsxPackage
{
    public const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Rel = RelationshipsNs + "/";
    public const string OfficeDocumentRel = Rel + "officeDocument", WorksheetRel = Rel + "worksheet", StylesRel = Rel + "styles",
        TableRel = Rel + "table", ThemeRel = Rel + "theme", DrawingRel = Rel + "drawing", ChartRel = Rel + "chart";

    private const string Ml = "application/vnd.openxmlformats-officedocument.";
    public const string Workbook = Ml + "spreadsheetml.sheet.main+xml", Worksheet = Ml + "spreadsheetml.worksheet+xml",
        Styles = Ml + "spreadsheetml.styles+xml", Table = Ml + "spreadsheetml.table+xml", Drawing = Ml + "drawing+xml",
        Chart = Ml + "drawingml.chart+xml", Theme = Ml + "theme+xml";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new System.Text.UTF8Encoding(false) };

    public static void WriteRelationships(Stream s, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        using var w = XmlWriter.Create(s, Settings);
        w.WriteStartDocument(true);
        w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
        foreach (var (id, type, target) in relationships)
        {
            w.WriteStartElement("Relationship");
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public static void WriteContentTypes(Stream s, IEnumerable<(string Part, string ContentType)> overrides)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        using var w = XmlWriter.Create(s, Settings);
        w.WriteStartDocument(true);
        w.WriteStartElement("Types", ns);
        foreach (var (ext, type) in new[] { ("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml") })
        {
            w.WriteStartElement("Default", ns);
            w.WriteAttributeString("Extension", ext);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
        foreach (var (part, type) in overrides)
        {
            w.WriteStartElement("Override", ns);
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}

using OutlookCrm.Api.Spreadsheets;

namespace OutlookCrm.Api.Export;

// One exported column. Headers are the names the importer recognises, so an export re-imports as is.
public sealed record ExportColumn(string Header, double Width = 18, XlsxStyle Style = XlsxStyle.Text);

// What one export holds: its columns and its rows, read from the database as they are written.
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows);

namespace OutlookCrm.SyncWorker.Graph;

// Every Outlook item the worker owns carries its CRM key in this single-value extended property,
// so a lost state file or a crash mid-cycle can always find the item again instead of duplicating it.
public static class CrmIdProperty
{
    public const string Id = "String {5c1d9a3e-7f64-4b8a-9e2f-3d6b0a4c8e71} Name OutlookCrmId";

    public static string Expand => $"singleValueExtendedProperties($filter=id eq '{Id}')";

    public static string FilterEquals(string key) =>
        $"singleValueExtendedProperties/Any(ep: ep/id eq '{Id}' and ep/value eq '{key.Replace("'", "''")}')";

    public static List<Microsoft.Graph.Models.SingleValueLegacyExtendedProperty> For(string key) =>
        [new() { Id = Id, Value = key }];

    public static string? Read(IEnumerable<Microsoft.Graph.Models.SingleValueLegacyExtendedProperty>? properties) =>
        properties?.FirstOrDefault(p => string.Equals(p.Id, Id, StringComparison.OrdinalIgnoreCase))?.Value;
}

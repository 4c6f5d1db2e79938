using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The OData query shapes the worker sends: $filter on a single-value extended property or on displayName,
// and $expand of one extended property. Anything else is refused, as Graph refuses unsupported filters.
public static partial class GraphQuery
{
    [GeneratedRegex(@"^singleValueExtendedProperties/Any\(ep:\s*ep/id eq '(?<id>(?:[^']|'')*)' and ep/value eq '(?<value>(?:[^']|'')*)'\)$", RegexOptions.IgnoreCase)]
    private static partial Regex PropertyFilter();

    [GeneratedRegex(@"^displayName eq '(?<name>(?:[^']|'')*)'$", RegexOptions.IgnoreCase)]
    private static partial Regex NameFilter();

    [GeneratedRegex(@"singleValueExtendedProperties\(\$filter=id eq '(?<id>(?:[^']|'')*)'\)", RegexOptions.IgnoreCase)]
    private static partial Regex PropertyExpand();

    public static (string? Id, string? Value) PropertyEquals(string filter)
    {
        var m = PropertyFilter().Match(filter.Trim());
        return m.Success ? (Unquote(m.Groups["id"].Value), Unquote(m.Groups["value"].Value)) : (null, null);
    }

    public static string? DisplayNameEquals(string filter)
    {
        var m = NameFilter().Match(filter.Trim());
        return m.Success ? Unquote(m.Groups["name"].Value) : null;
    }

    public static string? ExpandedProperty(Dictionary<string, string> query) =>
        query.TryGetValue("$expand", out var expand) && PropertyExpand().Match(expand) is { Success: true } m ? Unquote(m.Groups["id"].Value) : null;

    public static string? PropertyValue(JsonObject body, string id) =>
        (body["singleValueExtendedProperties"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(p => string.Equals((string?)p["id"], id, StringComparison.OrdinalIgnoreCase)) is { } p ? (string?)p["value"] : null;

    // The CRM key the worker stores, for the write log (any property whose name ends in OutlookCrmId).
    public static string? CrmKey(JsonObject body) =>
        (body["singleValueExtendedProperties"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(p => ((string?)p["id"])?.EndsWith("OutlookCrmId", StringComparison.OrdinalIgnoreCase) == true) is { } p ? (string?)p["value"] : null;

    public static void MergeProperties(JsonObject body, JsonArray? properties)
    {
        if (properties is null) return;
        var existing = body["singleValueExtendedProperties"] as JsonArray ?? [];
        foreach (var p in properties.OfType<JsonObject>())
        {
            var same = existing.OfType<JsonObject>().FirstOrDefault(e => string.Equals((string?)e["id"], (string?)p["id"], StringComparison.OrdinalIgnoreCase));
            if (same is not null) existing.Remove(same);
            existing.Add(p.DeepClone());
        }
        body["singleValueExtendedProperties"] = existing;
    }

    public static string WithParameter(string pathAndQuery, string name, string value)
    {
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var rest = q < 0 ? [] : pathAndQuery[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !Uri.UnescapeDataString(p.Split('=')[0]).Equals(name, StringComparison.OrdinalIgnoreCase));
        return path + "?" + string.Join("&", rest.Append(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value)));
    }

    private static string Unquote(string s) => s.Replace("''", "'");
}

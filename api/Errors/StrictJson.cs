using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OutlookCrm.Api.Errors;

// Request bodies are read strictly: enums by name only (an undefined number is not stored), and a
// property the record does not have is refused, so a mistyped field is never silently ignored.
public static partial class StrictJson
{
    public static void Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    // "$.contactIds[2]" → "contactIds"; an unknown property is named from the message (its path is its parent).
    public static string? FieldOf(JsonException e)
    {
        var unmapped = Unmapped().Match(e.Message);
        if (unmapped.Success) return unmapped.Groups[1].Value;
        if (string.IsNullOrEmpty(e.Path) || e.Path == "$") return null;
        var field = e.Path.StartsWith("$.") ? e.Path[2..] : e.Path.TrimStart('$');
        var end = field.IndexOfAny(['.', '[']);
        return end > 0 ? field[..end] : field;
    }

    public static string Explain(JsonException e)
    {
        var field = FieldOf(e);
        if (Unmapped().IsMatch(e.Message)) return $"'{field}' is not a field of this request (check its spelling).";
        return field is null ? "The request body is not valid JSON for this endpoint."
            : $"'{field}' has a value this endpoint does not accept (check its type; enumerations take one of their names).";
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex Unmapped();
}

using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The double's JSON: request bodies and stored items as nodes that hold .NET values. A value backed by a
// parsed JsonDocument copies a whole document each time it is cloned, and a stored item is cloned on every read.
public sealed partial class GraphDouble
{
    // A copy whose values are .NET values rather than slices of the parsed request: cloning a parsed value copies a whole
    // JsonDocument each time, and a stored item is cloned on every read (Render). Numbers other than integers stay as parsed.
    internal static JsonNode? Own(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Own(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Own).ToArray()),
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
            System.Text.Json.JsonValueKind.True => JsonValue.Create(true),
            System.Text.Json.JsonValueKind.False => JsonValue.Create(false),
            System.Text.Json.JsonValueKind.Number when v.TryGetValue<long>(out var n) => JsonValue.Create(n),
            _ => v.DeepClone(),
        },
        _ => node.DeepClone(),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The double's JSON: request bodies read into nodes that hold .NET values, and copies of such nodes. A value backed by a
// parsed JsonDocument copies a whole document each time it is cloned, and a stored item is cloned on every read.
public sealed partial class GraphDouble
{
    // The request's JSON as nodes holding .NET values (strings, integers, decimals), not slices of a parsed document:
    // items are stored and cloned from these (see Own below). Invalid JSON throws, as JsonNode.Parse does.
    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } n and < int.MaxValue ? (int)n : 4096);
        await request.Body.CopyToAsync(buffer);
        var reader = new Utf8JsonReader(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var node = reader.Read() ? ReadNode(ref reader) : null;
        if (reader.Read()) throw new JsonException("Trailing data after the JSON body.");
        return node;
    }

    private static JsonNode? ReadNode(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var o = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    o[name] = ReadNode(ref reader);
                }
                return o;
            case JsonTokenType.StartArray:
                var a = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) a.Add(ReadNode(ref reader));
                return a;
            case JsonTokenType.String: return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? JsonValue.Create(l) : reader.TryGetDecimal(out var d) ? JsonValue.Create(d) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True: return JsonValue.Create(true);
            case JsonTokenType.False: return JsonValue.Create(false);
            case JsonTokenType.Null: return null;
            default: throw new JsonException($"Unexpected {reader.TokenType} in the JSON body.");
        }
    }

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

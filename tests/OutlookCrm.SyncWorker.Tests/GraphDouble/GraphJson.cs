using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// The double's JSON: request bodies and stored items as nodes that hold .NET values. A value backed by a
// parsed JsonDocument copies a whole document each time it is cloned, and a stored item is cloned on every read.
public sealed partial class GraphDouble
{
    // A request body read straight into nodes that hold .NET values, in one pass of a Utf8JsonReader: parsing into a
    // JsonDocument-backed tree and then copying it value by value (Own) was 7-10 % of a first sync's CPU in the
    // benchmark's profile (docs/performance.md, sync worker, sixth round). What it accepts and refuses is what
    // JsonNode.Parse accepts and refuses (the reader's defaults: no comments, no trailing commas, depth 64, one value).
    internal static async Task<JsonNode?> ReadOwnedAsync(PipeReader body, CancellationToken ct = default)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            if (read.IsCompleted || read.IsCanceled)
            {
                try { return ParseOwned(read.Buffer); }
                finally { body.AdvanceTo(read.Buffer.End); }
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    internal static JsonNode? ParseOwned(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read()) throw new JsonException("The request body is empty.");
        var node = ReadOwned(ref reader);
        if (reader.Read()) throw new JsonException("The request body holds more than one JSON value.");
        return node;
    }

    private static JsonNode? ReadOwned(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var o = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    // A property named twice is refused, as a JsonNode tree refuses it.
                    o.Add(name, ReadOwned(ref reader));
                }
                return o;
            case JsonTokenType.StartArray:
                var a = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) a.Add(ReadOwned(ref reader));
                return a;
            case JsonTokenType.String: return JsonValue.Create(reader.GetString());
            case JsonTokenType.True: return JsonValue.Create(true);
            case JsonTokenType.False: return JsonValue.Create(false);
            case JsonTokenType.Null: return null;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var n)) return JsonValue.Create(n);
                // Other numbers stay as parsed (their text), as Own keeps them.
                using (var doc = JsonDocument.ParseValue(ref reader)) return JsonValue.Create(doc.RootElement.Clone());
            default: throw new JsonException($"Unexpected {reader.TokenType} in the request body.");
        }
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    // JSON written by `write`, as bytes: one reusable buffer and writer per thread (an answer or a stored item is
    // written once, then copied into the response); a nested call gets its own.
    internal static byte[] Utf8Of<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var (buffer, json) = (t_buffer ?? new ArrayBufferWriter<byte>(4096), t_writer);
        (t_buffer, t_writer) = (null, null);
        try
        {
            if (json is null) json = new Utf8JsonWriter(buffer, WriterOptions);
            else json.Reset(buffer);
            write(json, state);
            json.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            (t_buffer, t_writer) = (buffer, json);
        }
    }

    internal static void WriteValue(Utf8JsonWriter json, JsonNode? value)
    {
        if (value is null) json.WriteNullValue();
        else value.WriteTo(json, JsonOptions);
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

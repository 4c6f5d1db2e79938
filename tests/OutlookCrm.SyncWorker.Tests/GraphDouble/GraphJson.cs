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
    internal static async Task<JsonNode?> ReadOwnedAsync(PipeReader body, CancellationToken ct = default) =>
        (await ReadRequestAsync(body, batch: false, ct)).Node;

    // A $batch request's steps keep their object bodies as the UTF-8 they came in (BatchBodies), for NewItem.
    internal static async Task<(JsonNode? Node, BatchBodies? Bodies)> ReadRequestAsync(PipeReader body, bool batch, CancellationToken ct = default)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            if (read.IsCompleted || read.IsCanceled)
            {
                try { return batch ? ParseBatch(read.Buffer) : (ParseOwned(read.Buffer), null); }
                finally { body.AdvanceTo(read.Buffer.End); }
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    // Each $batch step's object body as it came (by step, compared by reference); the step holds "body": null instead.
    internal sealed class BatchBodies() : Dictionary<JsonObject, byte[]>(ReferenceEqualityComparer.Instance);

    // A $batch request: its envelope (ids, methods, URLs, headers) as nodes, as ParseOwned reads them, and each step's
    // object body validated as ParseOwned would (one value, no property named twice, strings that are valid UTF-8) but
    // kept as UTF-8: a created item is written from it (NewItem) without a tree in between. What it accepts and refuses
    // is what ParseOwned accepts and refuses (RequestBodyTests).
    internal static (JsonNode? Node, BatchBodies Bodies) ParseBatch(ReadOnlySequence<byte> utf8)
    {
        var bytes = utf8.IsSingleSegment ? utf8.First : utf8.ToArray();
        var reader = new Utf8JsonReader(bytes.Span);
        if (!reader.Read()) throw new JsonException("The request body is empty.");
        var bodies = new BatchBodies();
        var node = reader.TokenType == JsonTokenType.StartObject ? ReadEnvelope(ref reader, bytes.Span, bodies) : ReadOwned(ref reader);
        if (reader.Read()) throw new JsonException("The request body holds more than one JSON value.");
        return (node, bodies);
    }

    private static JsonObject ReadEnvelope(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, BatchBodies bodies)
    {
        var o = new JsonObject();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name != "requests" || reader.TokenType != JsonTokenType.StartArray) { o.Add(name, ReadOwned(ref reader)); continue; }
            var requests = new JsonArray();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                requests.Add(reader.TokenType == JsonTokenType.StartObject ? ReadStep(ref reader, utf8, bodies) : ReadOwned(ref reader));
            o.Add(name, requests);
        }
        return o;
    }

    private static JsonObject ReadStep(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, BatchBodies bodies)
    {
        var step = new JsonObject();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name != "body" || reader.TokenType != JsonTokenType.StartObject) { step.Add(name, ReadOwned(ref reader)); continue; }
            var start = (int)reader.TokenStartIndex;
            Validate(ref reader);
            // The placeholder makes a second "body" a duplicate, as in a tree.
            step.Add(name, null);
            bodies[step] = utf8[start..(int)reader.BytesConsumed].ToArray();
        }
        return step;
    }

    // What ReadOwned checks while it builds nodes, without building them.
    private static void Validate(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                List<string>? names = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    names ??= new List<string>(16);
                    if (names.Contains(name)) throw new ArgumentException($"An item with the same key has already been added. Key: {name}");
                    names.Add(name);
                    reader.Read();
                    Validate(ref reader);
                }
                return;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) Validate(ref reader);
                return;
            case JsonTokenType.String:
                // GetString transcodes, and refuses invalid UTF-8 (unescaped text is only checked here).
                if (reader.ValueIsEscaped) _ = reader.GetString();
                else if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan)) throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
                return;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null: return;
            default: throw new JsonException($"Unexpected {reader.TokenType} in the request body.");
        }
    }

    // A value as ReadOwned would have written it back: strings re-encoded, integers as integers, other numbers as written.
    internal static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                json.WriteStartObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    WriteName(ref reader, json);
                    reader.Read();
                    CopyValue(ref reader, json);
                }
                json.WriteEndObject();
                return;
            case JsonTokenType.StartArray:
                json.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) CopyValue(ref reader, json);
                json.WriteEndArray();
                return;
            case JsonTokenType.String:
                if (reader.ValueIsEscaped) json.WriteStringValue(reader.GetString());
                else json.WriteStringValue(reader.ValueSpan);
                return;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var n)) json.WriteNumberValue(n);
                else json.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                return;
            case JsonTokenType.True: json.WriteBooleanValue(true); return;
            case JsonTokenType.False: json.WriteBooleanValue(false); return;
            case JsonTokenType.Null: json.WriteNullValue(); return;
            default: throw new JsonException($"Unexpected {reader.TokenType}.");
        }
    }

    internal static void WriteName(ref Utf8JsonReader reader, Utf8JsonWriter json)
    {
        if (reader.ValueIsEscaped) json.WritePropertyName(reader.GetString()!);
        else json.WritePropertyName(reader.ValueSpan);
    }

    // The value the reader is at, as nodes (a small part of a stored or sent item: an event's start, its body).
    internal static JsonNode? ValueAt(ref Utf8JsonReader reader, byte[] utf8)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        return ParseOwned(new ReadOnlySequence<byte>(utf8, start, (int)reader.BytesConsumed - start));
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

using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.GraphDouble;

// An answer: its body as a tree (errors, folders) or already serialized (Utf8: stored items rendered, pages of them),
// written as it is; Body parses a serialized one only when a caller asks for the tree (the rep's edits in tests).
public sealed class GraphResponse(int status, JsonNode? body = null, Dictionary<string, string>? headers = null)
{
    private JsonNode? _body = body;

    public int Status { get; } = status;
    public Dictionary<string, string>? Headers { get; } = headers;
    public byte[]? Utf8 { get; init; }
    public bool HasBody => Utf8 is not null || _body is not null;
    public JsonNode? Body => _body ??= Utf8 is null ? null : GraphDouble.ParseOwned(new System.Buffers.ReadOnlySequence<byte>(Utf8));

    public void WriteBody(Utf8JsonWriter json)
    {
        if (Utf8 is not null) json.WriteRawValue(Utf8, skipInputValidation: true);
        else if (_body is not null) _body.WriteTo(json, GraphDouble.JsonOptions);
        else json.WriteNullValue();
    }
}

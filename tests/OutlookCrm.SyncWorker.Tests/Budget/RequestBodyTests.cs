using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.SyncWorker.Tests.Budget;

// The Graph double reads request bodies with its own one-pass reader (GraphJson.ReadOwnedAsync, for the benchmark's
// CPU). It must keep what it read before (JsonNode.Parse, then copied value by value) and refuse what that refused, and a
// refused body is a 400 BadRequest as Graph answers a malformed request (https://learn.microsoft.com/en-us/graph/errors).
[TestClass]
public sealed class RequestBodyTests
{
    private static readonly string[] Valid =
    [
        """{"requests":[{"id":"1","method":"PATCH","url":"/users/a@b.example/contacts/AAMk=","body":{"givenName":"Zoë \"Zo\" \u00e9","birthday":null}}]}""",
        """{"n":12,"big":9223372036854775807,"neg":-3,"dec":1.50,"exp":1e3,"t":true,"f":false,"empty":{},"list":[],"deep":[[1,[2,{"x":"y"}]]]}""",
        """  {"categories":["CRM client","CRM 🛠"],"note":"line\nbreak\ttab\\slash"}  """,
        "[1,\"two\",null]",
        // $batch requests, whose step bodies ParseBatch keeps as UTF-8: escapes, numbers, nesting, bodies that are not objects.
        """{"requests":[{"id":"1","method":"POST","url":"/users/a@b.example/events","body":{"subject":"\u00e9t\u00e9 \"x\" \ud83d\udee0","n":-0,"e":1E3,"d":[{"a":{"b":[null,true,false,1.5]}}],"\u0069d":"escaped name"}},{"id":"2","method":"DELETE","url":"/users/a@b.example/events/E1","body":[1,2]},{"id":"3","body":"text"},{"id":"4","body":{}}],"requests2":{"body":{"x":1}}}""",
        """{"before":1,"requests":[{"body":{"a":1},"id":"1"}],"after":[{"body":{"a":2}}]}""",
        """{"requests":[]}""",
    ];

    private static readonly string[] Malformed =
    [
        """{"a":1,}""", """{"a":1} {"b":2}""", """{"a":1 /* note */}""", """{"a":""", """{"a":1,"a":2}""", "", "   ", """{'a':1}""", "[1,2",
        // A property named twice anywhere in a step's body, or the body named twice, refuses the whole batch.
        """{"requests":[{"id":"1","body":{"a":1,"a":2}}]}""", """{"requests":[{"id":"1","body":{"a":{"b":1,"c":{"d":1,"d":2}}}}]}""",
        """{"requests":[{"id":"1","body":{"x":[{"k":1,"\u006b":2}]}}]}""", """{"requests":[{"id":"1","body":{"a":1},"body":{"a":1}}]}""",
        """{"requests":[{"id":"1","body":{"a":1,}}]}""", """{"requests":[{"id":"1","body":{"a":1}}],"requests":[]}""",
        """{"requests":[{"id":"1","body":{"a":1}}]} 1""",
    ];

    [TestMethod]
    public void TheOnePassReaderKeepsWhatTheParserKept()
    {
        foreach (var json in Valid)
            Assert.AreEqual(GraphDouble.GraphDouble.Own(JsonNode.Parse(json))!.ToJsonString(), Read(json)!.ToJsonString(), json);
    }

    [TestMethod]
    public void TheOnePassReaderRefusesWhatTheParserRefused()
    {
        foreach (var json in Malformed)
        {
            Assert.IsTrue(Refused(() => GraphDouble.GraphDouble.Own(JsonNode.Parse(json))), "the parser accepted " + json);
            Assert.IsTrue(Refused(() => Read(json)), "the one-pass reader accepted " + json);
            Assert.IsTrue(Refused(() => ReadBatch(json)), "the batch reader accepted " + json);
        }
    }

    // A $batch request read with its step bodies kept as UTF-8 is, once those are read back as nodes, what ParseOwned read.
    [TestMethod]
    public void TheBatchReaderKeepsWhatTheParserKept()
    {
        foreach (var json in Valid)
            Assert.AreEqual(GraphDouble.GraphDouble.Own(JsonNode.Parse(json))!.ToJsonString(), ReadBatch(json)!.ToJsonString(), json);
    }

    [TestMethod]
    public void InvalidUtf8InAStepBodyIsRefusedAsTheParserRefusesIt()
    {
        var json = Encoding.UTF8.GetBytes("""{"requests":[{"id":"1","body":{"a":"xx"}}]}""");
        json[Array.IndexOf(json, (byte)'x')] = 0xC3;
        Assert.ThrowsExactly<InvalidOperationException>(() => GraphDouble.GraphDouble.ParseOwned(new ReadOnlySequence<byte>(json)));
        Assert.ThrowsExactly<InvalidOperationException>(() => GraphDouble.GraphDouble.ParseBatch(new ReadOnlySequence<byte>(json)));
    }

    private static JsonNode? ReadBatch(string json)
    {
        var (node, bodies) = GraphDouble.GraphDouble.ParseBatch(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
        foreach (var (step, body) in bodies) step["body"] = Read(Encoding.UTF8.GetString(body));
        return node;
    }

    [TestMethod]
    public async Task AMalformedBodyIsABadRequest()
    {
        await using var graph = await GraphDouble.GraphDouble.StartAsync();
        using var http = new HttpClient();
        foreach (var json in Malformed.Where(j => j.Trim().Length > 0))
        {
            using var answer = await http.PostAsync(graph.BaseUrl + "/$batch", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.AreEqual(HttpStatusCode.BadRequest, answer.StatusCode, json);
            Assert.AreEqual("BadRequest", (string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["error"]!["code"], json);
        }
    }

    private static JsonNode? Read(string json) => GraphDouble.GraphDouble.ParseOwned(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));

    private static bool Refused(Func<JsonNode?> read)
    {
        try { read(); return false; }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException) { return true; }
    }
}

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
    ];

    private static readonly string[] Malformed =
    [
        """{"a":1,}""", """{"a":1} {"b":2}""", """{"a":1 /* note */}""", """{"a":""", """{"a":1,"a":2}""", "", "   ", """{'a':1}""", "[1,2",
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
        }
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

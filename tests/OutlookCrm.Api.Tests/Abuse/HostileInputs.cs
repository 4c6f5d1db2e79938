using System.Text;

namespace OutlookCrm.Api.Tests.Abuse;

// Deterministic generator of malformed and hostile requests: wrong types, huge and deep bodies,
// unicode edge cases, injection strings, ids of records outside the caller's scope.
// routes: "METHOD /path/{param}" for every endpoint the API maps, so a new endpoint is attacked the day it lands.
internal sealed class HostileInputs(int seed, long[] foreignIds, string[] routes)
{
    private readonly Random rng = new(seed);

    private static readonly string[] Strings =
    [
        "'; DROP TABLE \"Companies\"; --", "\" OR 1=1 --", "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)",
        "<script>alert(1)</script>", "\u202Egnp.exe", "\u200B\u200B", "🙂👩‍👩‍👧‍👦", "\uFFFF", "\0", "../../etc/passwd", "%00", "${jndi:ldap://x}",
        "", " ", new string('x', 5000), "null", "NaN", "-1", "1e309", "９９", "İstanbul", "ß", "\r\n\r\n",
    ];

    private static readonly string[] Fields = ["name", "companyId", "lastName", "email", "type", "subject", "startUtc", "endUtc", "status",
        "accountManagerId", "stageId", "text", "note", "timeZone", "contactIds", "amount", "ownerId", "activityId", "dealId"];

    private static readonly System.Text.RegularExpressions.Regex RouteParameter = new(@"\{[^}]+\}");

    // How many requests each route pattern received.
    public Dictionary<string, int> Hits { get; } = [];

    public string Pick(string[] items) => items[rng.Next(items.Length)];

    public HttpRequestMessage Next()
    {
        var route = Pick(routes).Split(' ');
        Hits[route[1]] = Hits.GetValueOrDefault(route[1]) + 1;
        var method = rng.Next(20) == 0 ? Pick(["DELETE", "PATCH", "GET", "POST"]) : route[0];
        var path = RouteParameter.Replace(route[1], _ => Id());
        var query = rng.Next(3) == 0 ? $"?{Pick(["q", "email", "after", "limit", "cursor", "status", "from", "companyId"])}={Uri.EscapeDataString(Value()?.ToString() ?? "")}" : "";
        var request = new HttpRequestMessage(new HttpMethod(method), path + query);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent(Body(), Encoding.UTF8,
            rng.Next(10) == 0 ? "text/plain" : method == "PATCH" ? "application/merge-patch+json" : "application/json");
        if (rng.Next(4) == 0) request.Headers.TryAddWithoutValidation("If-Match", Pick(["\"1\"", "\"999\"", "*", "garbage", "\"-1\"", "W/\"1\""]));
        return request;
    }

    private string Id() => rng.Next(4) switch
    {
        0 => foreignIds[rng.Next(foreignIds.Length)].ToString(),
        1 => Pick(["0", "-1", "9223372036854775807", "99999999999999999999", "abc", "1.5", "%20"]),
        _ => rng.Next(1, 50).ToString(),
    };

    private object? Value() => rng.Next(8) switch
    {
        0 => rng.Next(),
        1 => -rng.NextDouble() * 1e20,
        2 => true,
        3 => null,
        4 => foreignIds[rng.Next(foreignIds.Length)],
        _ => Pick(Strings),
    };

    private string Body() => rng.Next(10) switch
    {
        0 => "{\"name\": ",
        1 => new string('[', 2000) + new string(']', 2000),
        2 => "{\"name\":\"" + new string('a', 300_000) + "\"}",
        3 => "[1,2,3]",
        4 => "\"just a string\"",
        5 => "{\"name\":\"\\uD800\"}",
        _ => Object(),
    };

    private string Object()
    {
        var fields = Enumerable.Range(0, rng.Next(1, 8)).Select(_ => Pick(Fields)).Distinct()
            .Select(f => $"\"{f}\": {System.Text.Json.JsonSerializer.Serialize(Value())}");
        return "{" + string.Join(",", fields) + "}";
    }
}

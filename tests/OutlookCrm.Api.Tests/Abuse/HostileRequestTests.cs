using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Abuse;

[TestClass]
public sealed class HostileRequestTests : ApiTest
{
    protected override Provider Provider => Provider.Sqlite;

    [TestMethod]
    public async Task TenThousandHostileRequestsGetNo5xxNoLeakAndOnlyProblemDetails()
    {
        const string secret = "SECRET-OF-REP-A-7f3c";
        var a = As(Team.RepA);
        var company = await NewCompany(a, secret);
        var contact = await NewContact(a, company.Id, secret, "secret@rep-a.example");
        var visit = await NewVisit(a, company.Id);
        var note = await NewNote(a, new { companyId = company.Id, text = secret });
        var deal = await NewDeal(a, company.Id, secret);
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().Order().ToArray();
        var inputs = new HostileInputs(seed: 4242, [company.Id, contact.Id, visit.Id, note.Id, deal.Id], routes);

        var expired = App.Authorized(Auth.DevSignInApi.UserToken(App.Auth, Team.RepB.EntraObjectId!, "b", "b", TimeSpan.FromMinutes(-30)));
        var forged = App.Authorized(Auth.DevSignInApi.UserToken(new Auth.AuthOptions { DevSigningKey = "forged" }, Team.RepA.EntraObjectId!, "a", "a", TimeSpan.FromHours(1)));
        var unregistered = App.Authorized(Auth.DevSignInApi.UserToken(App.Auth, "oid-not-in-the-crm", "x", "x", TimeSpan.FromHours(1)));
        var otherAudience = App.Authorized(Auth.DevSignInApi.UserToken(new Auth.AuthOptions { DevSigningKey = CrmApp.SigningKey, Audience = "api://another-app" },
            Team.RepA.EntraObjectId!, "a", "a", TimeSpan.FromHours(1)));
        var (b, south, sync) = (As(Team.RepB), As(Team.RepSouth), App.SyncClientFor(Team.RepB));
        // Mostly signed-in users of other scopes (the leak question), some anonymous, expired, forged, unregistered or misaddressed tokens.
        var clients = new[] { b, b, b, south, south, sync, sync, App.CreateClient(), expired, forged, unregistered, otherAudience };
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var reachedHandlers = new Dictionary<string, int>();

        for (var i = 0; i < 10_000; i++)
        {
            using var request = inputs.Next();
            var what = $"{request.Method} {request.RequestUri}";
            using var response = await clients[i % clients.Length].SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            // PATCH and DELETE past routing and media type: the handlers' own answers (bad body, not found, stale ETag…).
            if (status is 204 or 400 or 404 or 412 or 422 or 428) reachedHandlers[request.Method.Method] = reachedHandlers.GetValueOrDefault(request.Method.Method) + 1;
            if (status >= 500) failures.Add($"{status} for {what}: {body[..Math.Min(body.Length, 300)]}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{status} without ProblemDetails for {what}");
            if (body.Contains(secret) || body.Contains("secret@rep-a.example")) failures.Add($"leak of rep A's data for {what}");
            if (failures.Count > 20) break;
        }

        Console.WriteLine("Answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Console.WriteLine($"{routes.Length} routes attacked: " + string.Join(", ", inputs.Hits.OrderBy(h => h.Key).Select(h => $"{h.Key}×{h.Value}")));
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        Assert.IsTrue(routes.Length >= 30 && routes.Any(r => r.Contains("/api/lookup")), "the routes come from the API's own endpoint table");
        Assert.AreEqual(0, routes.Count(r => inputs.Hits.GetValueOrDefault(r.Split(' ')[1]) < 20), "every endpoint gets its share of hostile requests");
        Assert.IsTrue(routes.Count(r => r.StartsWith("PATCH ")) >= 5 && routes.Count(r => r.StartsWith("DELETE ")) >= 5, "PATCH and DELETE routes are attacked");
        Assert.IsTrue(reachedHandlers.GetValueOrDefault("PATCH") >= 50 && reachedHandlers.GetValueOrDefault("DELETE") >= 50,
            "PATCH and DELETE requests must reach their handlers: " + string.Join(", ", reachedHandlers.Select(s => $"{s.Key}×{s.Value}")));
        Assert.IsTrue(statuses.Keys.Count(s => s >= 400) >= 5, "the generator must reach many kinds of refusal: " +
            string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        var stillThere = await (await a.GetAsync($"/api/companies/{company.Id}")).Read<Companies.CompanyDto>();
        Assert.AreEqual(secret, stillThere.Name, "no hostile request may change another rep's record");
    }
}

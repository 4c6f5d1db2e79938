using Microsoft.AspNetCore.Hosting;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.SyncWorker.Crm;
using OutlookCrm.SyncWorker.Tests.Infrastructure;

namespace OutlookCrm.SyncWorker.Tests.Operations;

// Issue 11 §9: /health/live and /health/ready of the worker as its host runs it (WorkerProgram.Build).
[TestClass]
public sealed class HealthTests
{
    [TestMethod]
    public async Task ReadyOnceLeasesAreHeldAndNotReadyWhenTheCrmIsUnreachableForALeaseDuration()
    {
        await using var rig = await SyncRig.StartAsync();
        var crmDown = false;
        await using var app = WorkerProgram.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
            foreach (var (k, v) in new Dictionary<string, string?>
            {
                ["Graph:Mode"] = "TestDouble", ["Graph:BaseUrl"] = rig.Graph.BaseUrl, ["Crm:BaseAddress"] = "http://localhost/",
                ["Crm:UseDevAppToken"] = "true", ["Sync:StateDirectory"] = rig.StateDirectory, ["Sync:InstanceId"] = "health",
                ["Sync:PollInterval"] = "00:00:01", ["Sync:LeaseDuration"] = "00:00:02",
            }) b.Configuration[k] = v;
            b.Services.AddHttpClient<CrmClient>().ConfigurePrimaryHttpMessageHandler(() => new Switch(() => crmDown) { InnerHandler = rig.Crm.Server.CreateHandler() });
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        Assert.AreEqual(HttpStatusCode.OK, await Eventually(http, "/health/ready", HttpStatusCode.OK), "ready once its leases are held");
        Assert.AreEqual(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        crmDown = true;
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, await Eventually(http, "/health/ready", HttpStatusCode.ServiceUnavailable),
            "not ready once the leases could not be renewed for a lease duration");
        StringAssert.Contains(await http.GetStringAsync("/health/live"), "Healthy", "still live: a restart would not bring the CRM back");
        await app.StopAsync();
    }

    private static async Task<HttpStatusCode> Eventually(HttpClient http, string path, HttpStatusCode wanted)
    {
        var status = HttpStatusCode.InternalServerError;
        for (var i = 0; i < 60 && status != wanted; i++)
        {
            status = (await http.GetAsync(path)).StatusCode;
            if (status != wanted) await Task.Delay(250);
        }
        return status;
    }

    private sealed class Switch(Func<bool> down) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            down() ? throw new HttpRequestException("CRM unreachable") : base.SendAsync(request, ct);
    }
}

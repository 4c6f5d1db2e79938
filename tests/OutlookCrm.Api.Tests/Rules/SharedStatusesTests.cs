using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Data;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Rules;

// Visibility:StatusesVisibleToAll is what an administrator configures, not added to a default they cannot take out.
[TestClass]
public sealed class SharedStatusesTests
{
    // Rep A's suspect and prospect, and what rep B gets when opening each.
    private static async Task<(HttpStatusCode Suspect, HttpStatusCode Prospect)> WhatRepBSees(CrmApp app)
    {
        var team = SalesTeam.Create(app);
        var a = app.ClientFor(team.RepA);
        var b = app.ClientFor(team.RepB);
        async Task<CompanyDto> New(CompanyStatus status) =>
            await (await a.Post("/api/companies", new { name = $"Shared {status}", status })).Read<CompanyDto>(HttpStatusCode.Created);
        var suspect = await New(CompanyStatus.Suspect);
        var prospect = await New(CompanyStatus.Prospect);
        return ((await b.GetAsync($"/api/companies/{suspect.Id}")).StatusCode, (await b.GetAsync($"/api/companies/{prospect.Id}")).StatusCode);
    }

    [TestMethod]
    public async Task ByDefaultSuspectsAreSharedAndListedOnce()
    {
        using var app = new CrmApp(Provider.Sqlite);
        Assert.AreEqual((HttpStatusCode.OK, HttpStatusCode.NotFound), await WhatRepBSees(app));
        CollectionAssert.AreEqual(new[] { CompanyStatus.Suspect }, app.Services.GetRequiredService<IOptions<VisibilityOptions>>().Value.SharedStatuses());
    }

    [TestMethod]
    public async Task ConfiguredStatusesReplaceTheDefault()
    {
        using var app = new CrmApp(Provider.Sqlite);
        app.Settings["Visibility:StatusesVisibleToAll:0"] = "prospect";
        Assert.AreEqual((HttpStatusCode.NotFound, HttpStatusCode.OK), await WhatRepBSees(app));
    }

    [TestMethod]
    public async Task ABlankItemSharesNoStatus()
    {
        using var app = new CrmApp(Provider.Sqlite);
        app.Settings["Visibility:StatusesVisibleToAll:0"] = "";
        Assert.AreEqual((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await WhatRepBSees(app));
    }

    [TestMethod]
    public void AMisspeltStatusStopsTheApiAtStartAndNamesTheSetting()
    {
        using var app = new CrmApp(Provider.Sqlite);
        app.Settings["Visibility:StatusesVisibleToAll:0"] = "Suspects";
        var error = Assert.Throws<Exception>(() => app.CreateClient());
        StringAssert.Contains(error.ToString(), "Visibility:StatusesVisibleToAll holds \"Suspects\"");
    }
}

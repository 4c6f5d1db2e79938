using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Core;
using Microsoft.Extensions.Options;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Crm;

// Adds the app-only bearer token: from Entra ID (client credentials) or, in the embedded run, from /dev/app-token.
public sealed class CrmTokenHandler(IOptions<CrmApiOptions> options, TokenCredential? credential = null) : DelegatingHandler
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresOn)? _cached;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        return await base.SendAsync(request, ct);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            // Renew five minutes early so a long cycle never runs into an expired token.
            if (_cached is { } c && c.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5)) return c.Token;
            _cached = UsesDevToken(options.Value, credential) ? await DevTokenAsync(ct) : await EntraTokenAsync(ct);
            return _cached.Value.Token;
        }
        finally { _lock.Release(); }
    }

    private async Task<(string, DateTimeOffset)> EntraTokenAsync(CancellationToken ct)
    {
        var cred = credential ?? throw new InvalidOperationException(
            "No Entra ID credential: set Graph:TenantId, Graph:ClientId and a secret or certificate, or Crm:UseDevAppToken=true.");
        var token = await cred.GetTokenAsync(new TokenRequestContext([options.Value.Scope]), ct);
        return (token.Token, token.ExpiresOn);
    }

    public static bool UsesDevToken(CrmApiOptions o, TokenCredential? credential) =>
        o.UseDevAppToken ?? (credential is null && o.BaseAddress.IsLoopback);

    private sealed record DevAppToken(string AccessToken, int ExpiresIn);

    private async Task<(string, DateTimeOffset)> DevTokenAsync(CancellationToken ct)
    {
        var url = new Uri(options.Value.BaseAddress, "dev/app-token");
        using var response = await base.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<DevAppToken>(CrmClient.Json, ct)
            ?? throw new InvalidDataException("Empty /dev/app-token response.");
        return (token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn));
    }
}

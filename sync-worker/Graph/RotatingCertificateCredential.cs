using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace OutlookCrm.SyncWorker.Graph;

// Certificate credentials rotated without a restart: when the PFX file changes (write time or size), the next token
// request loads it and builds a new ClientCertificateCredential. A file caught half-written keeps the current
// certificate until it reads whole. https://learn.microsoft.com/en-us/dotnet/api/azure.identity.clientcertificatecredential
public sealed class RotatingCertificateCredential(string tenantId, string clientId, string path, string? password) : TokenCredential
{
    private sealed record Loaded(DateTime Written, long Length, ClientCertificateCredential Credential, string Thumbprint);

    private readonly Lock _lock = new();
    private Loaded? _current;

    public string Thumbprint => Current().Thumbprint;

    private Loaded Current()
    {
        var file = new FileInfo(path);
        lock (_lock)
        {
            if (_current is { } c && file.Exists && c.Written == file.LastWriteTimeUtc && c.Length == file.Length) return c;
            try
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
                _current = new Loaded(file.LastWriteTimeUtc, file.Length, new ClientCertificateCredential(tenantId, clientId, certificate), certificate.Thumbprint);
            }
            catch (Exception e) when (_current is not null && e is CryptographicException or IOException) { return _current; }
            return _current;
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Current().Credential.GetToken(requestContext, cancellationToken);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        Current().Credential.GetTokenAsync(requestContext, cancellationToken);
}

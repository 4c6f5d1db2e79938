using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OutlookCrm.SyncWorker.Graph;
using OutlookCrm.SyncWorker.Options;

namespace OutlookCrm.SyncWorker.Tests.Operations;

// Issue 11 §9: a certificate renewed on disk is used without restarting the worker.
[TestClass]
public sealed class CertificateRotationTests
{
    [TestMethod]
    public void ARenewedCertificateFileIsPickedUpWithoutARestartAndAHalfWrittenOneIsIgnored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-cert-{Guid.NewGuid():N}.pfx");
        try
        {
            var (first, second) = (Pfx("CN=outlookcrm-old"), Pfx("CN=outlookcrm-new"));
            File.WriteAllBytes(path, first.Bytes);
            var credential = GraphSetup.Credential(new GraphOptions { TenantId = "tenant", ClientId = "client", CertificatePath = path, CertificatePassword = "pw" });
            var rotating = credential as RotatingCertificateCredential;
            Assert.IsNotNull(rotating, "a certificate path gives the rotating credential");
            Assert.AreEqual(first.Thumbprint, rotating.Thumbprint);

            // Caught mid-copy: not a certificate yet, the current one stays in use.
            File.WriteAllBytes(path, second.Bytes[..40]);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
            Assert.AreEqual(first.Thumbprint, rotating.Thumbprint);

            File.WriteAllBytes(path, second.Bytes);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
            Assert.AreEqual(second.Thumbprint, rotating.Thumbprint, "the renewed certificate is used by the same running credential");
        }
        finally { File.Delete(path); }
    }

    private static (byte[] Bytes, string Thumbprint) Pfx(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (certificate.Export(X509ContentType.Pfx, "pw"), certificate.Thumbprint);
    }
}

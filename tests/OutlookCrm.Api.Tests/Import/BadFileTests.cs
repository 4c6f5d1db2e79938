using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OutlookCrm.Api.Companies;
using OutlookCrm.Api.Http;
using OutlookCrm.Api.Tests.Infrastructure;

namespace OutlookCrm.Api.Tests.Import;

// Files that are not what they claim: each gets a clear ProblemDetails and nothing is saved.
public abstract class BadFileTests : ApiTest
{
    [TestMethod]
    public async Task AQuoteLeftOpenRefusesTheWholeFileNamingTheLine()
    {
        var manager = As(Team.NorthManager);

        var problem = await (await manager.Import("malformed-unclosed-quote.csv")).AssertProblem(HttpStatusCode.BadRequest);

        StringAssert.Contains(problem.GetProperty("detail").GetString(), "Line 3");
        Assert.AreEqual(0, (await (await manager.GetAsync("/api/companies?q=Atelier Avant")).Read<Page<CompanyDto>>()).Items.Count,
            "the lines before the error are not imported either");
    }

    [TestMethod]
    public async Task AZipThatIsNotAWorkbookIsRefusedWithAHintToSaveAs()
    {
        var problem = await (await As(Team.NorthManager).Import("excel-workbook-renamed.csv")).AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "Save As");
    }

    [TestMethod]
    public async Task BinaryOrUtf16WithoutBomOrAnEmptyFileIsRefused()
    {
        var manager = As(Team.NorthManager);
        await (await manager.ImportBytes(Encoding.Unicode.GetBytes("Company,City\r\nUtf16 SA,Paris\r\n"))).AssertProblem(HttpStatusCode.BadRequest);
        await (await manager.ImportBytes([])).AssertProblem(HttpStatusCode.BadRequest);
        await (await manager.ImportBytes(Encoding.UTF8.GetBytes("Company,City\r\n"))).AssertProblem(HttpStatusCode.BadRequest);
        // UTF-16 with its BOM but cut in the middle of a character.
        await (await manager.ImportBytes([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Company\r\nCut\r\n"), 0xD8]))
            .AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task DeclaringUtf8ForAWindows1252FileIsRefused()
    {
        var problem = await (await As(Team.NorthManager).Import("crm-export-fr-windows1252.csv", "&encoding=utf-8")).AssertProblem(HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "not UTF-8");
        await (await As(Team.NorthManager).Import("crm-export-fr-windows1252.csv", "&encoding=klingon")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task ATwoGigabyteUploadIsRefusedWith413BeforeItIsRead()
    {
        var body = new EndlessStream();
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = 2L * 1024 * 1024 * 1024;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await Unbuffered(App).PostAsync("/api/import", content);

        var problem = await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "MB");
        Assert.IsTrue(body.Served < 64 * 1024 * 1024, $"{body.Served:N0} bytes were read from a file refused up front");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
    }

    [TestMethod]
    public async Task AnUploadWithoutDeclaredSizeIsCutAtTheLimit()
    {
        using var small = App.WithWebHostBuilder(b => b.UseSetting("Import:MaxUploadMegabytes", "1"));
        var client = Unbuffered(small);
        var body = new EndlessStream();
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await client.PostAsync("/api/import", content);

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.IsTrue(body.Served < 8 * 1024 * 1024, $"{body.Served:N0} bytes were read past a 1 MB limit");
    }

    // The default test client copies request bodies to replay redirects; a browser or curl streams them.
    private HttpClient Unbuffered(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = As(Team.NorthManager).DefaultRequestHeaders.Authorization;
        return client;
    }

    // A CSV body that never ends (no length declared unless the test sets one).
    private sealed class EndlessStream : Stream
    {
        private static readonly byte[] Line = Encoding.ASCII.GetBytes("Company,City\r\nEndless SA,Paris\r\n");
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = Line[(Served + i) % Line.Length];
            Served += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

[TestClass] public sealed class BadFileOnSqlite : BadFileTests { protected override Provider Provider => Provider.Sqlite; }
[TestClass] public sealed class BadFileOnPostgreSql : BadFileTests { protected override Provider Provider => Provider.PostgreSql; }

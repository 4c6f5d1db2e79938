using OutlookCrm.Api.Hosting;

namespace OutlookCrm.Api.Tests.Hosting;

[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    public void AUrlAfterUrlsIsAHostOptionNotAVerb()
    {
        var cli = CommandLine.Parse(["--urls", "http://localhost:5999"]);
        Assert.IsNull(cli.Verb);
        CollectionAssert.AreEqual(new[] { "--urls", "http://localhost:5999" }, cli.HostArgs);
    }

    [TestMethod]
    public void HostOptionsBeforeTheVerbGoToTheHostAndTheRestToTheVerb()
    {
        var cli = CommandLine.Parse(["--environment", "Production", "Database:Provider=PostgreSql", "--contentRoot=/opt/crm",
            "import", "clients.csv", "--map", "Raison sociale=Name", "--dry-run"]);
        Assert.AreEqual("import", cli.Verb);
        CollectionAssert.AreEqual(new[] { "--environment", "Production", "Database:Provider=PostgreSql", "--contentRoot=/opt/crm" }, cli.HostArgs);
        // The verb's own options never reach the configuration (a "--map" key there would be nonsense).
        CollectionAssert.AreEqual(new[] { "clients.csv", "--map", "Raison sociale=Name", "--dry-run" }, cli.VerbArgs);
    }

    [TestMethod]
    public void TheFirstWordIsTheVerb()
    {
        var cli = CommandLine.Parse(["export", "companies.csv", "--out", "x.csv"]);
        Assert.AreEqual("export", cli.Verb);
        Assert.AreEqual(0, cli.HostArgs.Length);
    }

    [TestMethod]
    public void NoArgumentsStartTheApi() => Assert.IsFalse(CommandLine.Parse([]).IsCommand);
}

using Npgsql;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Tests.HotPaths;

// PostgreSQL statements are prepared after a few runs (Npgsql's automatic preparation) and pooled connections are not
// reset at every open, unless the operator's connection string decides otherwise.
[TestClass]
public sealed class PreparedStatementsTests
{
    [TestMethod]
    public void APostgreSqlConnectionPreparesItsStatementsByDefault()
    {
        var cs = DatabaseSetup.WithAutoPrepare("Host=db.example;Username=crm;Password=secret;Database=crm");
        var built = new NpgsqlConnectionStringBuilder(cs);
        Assert.AreEqual(DatabaseSetup.AutoPrepared, built.MaxAutoPrepare);
        Assert.IsTrue(built.NoResetOnClose, "no session reset on the server at every open");
        Assert.AreEqual("secret", built.Password, "the rest of the connection string is kept");
    }

    [TestMethod]
    public void AnOperatorsOwnAutoPrepareSettingIsKeptEvenWhenItTurnsItOff()
    {
        Assert.AreEqual(0, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db.example;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.AreEqual(8, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db.example;MaxAutoPrepare=8")).MaxAutoPrepare);
        Assert.IsFalse(new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db.example;No Reset On Close=false")).NoResetOnClose);
    }
}

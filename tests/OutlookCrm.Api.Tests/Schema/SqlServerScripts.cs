using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace OutlookCrm.Api.Tests.Schema;

// No SQL Server runs here: its SQL is checked by Microsoft's own T-SQL parser (ScriptDom), the one SSMS and SqlPackage use.
internal static class SqlServerScripts
{
    public static string ConnectionStringFor(string provider) => provider switch
    {
        "SqlServer" => "Server=localhost;Database=never_opened;Trusted_Connection=True;TrustServerCertificate=True",
        "PostgreSql" => "Host=localhost;Database=never_opened",
        _ => "Data Source=:memory:",
    };

    public static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors;
    }

    public static string Describe(IList<ParseError> errors, string sql)
    {
        var lines = sql.Split('\n');
        return string.Join("\n", errors.Take(5).Select(e => $"line {e.Line}: {e.Message} near: {lines.ElementAtOrDefault(e.Line - 1)?.Trim()}"));
    }
}

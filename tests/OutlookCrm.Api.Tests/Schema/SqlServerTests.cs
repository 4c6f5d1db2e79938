using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Tests.Schema;

// SQL Server is supported without a server here: the model must build for it, its migration script must parse
// as T-SQL, and the rules SQL Server enforces at CREATE time (and ScriptDom cannot see) are checked on the model.
[TestClass]
public sealed class SqlServerTests
{
    private static CrmDbContext SqlServer() => DatabaseSetup.Create(new DatabaseOptions
        { Provider = "SqlServer", ConnectionString = SqlServerScripts.ConnectionStringFor("SqlServer") });

    [TestMethod]
    public void TheIdempotentMigrationScriptParsesAsTSqlWithoutErrors()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        StringAssert.Contains(script, "CREATE TABLE [Companies]");
        var errors = SqlServerScripts.Parse(script);
        Assert.IsEmpty(errors, SqlServerScripts.Describe(errors, script));
    }

    [TestMethod]
    public void AParserThatAcceptsAnythingWouldBeCaught()
    {
        Assert.IsNotEmpty(SqlServerScripts.Parse("CREATE TABLE [X] ([Id] int NOT NULL RETURNING [Id];"));
    }

    // "Introducing FOREIGN KEY constraint ... may cause cycles or multiple cascade paths" (error 1785):
    // https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-1785-database-engine-error
    [TestMethod]
    public void NoTableCanBeReachedByTwoCascadingPaths()
    {
        using var db = SqlServer();
        var cascades = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior == DeleteBehavior.Cascade)
            .Select(fk => (From: fk.PrincipalEntityType.GetTableName()!, To: fk.DeclaringEntityType.GetTableName()!)).ToList();
        foreach (var start in cascades.Select(c => c.From).Distinct())
        {
            var paths = new Dictionary<string, int>();
            void Walk(string table, HashSet<string> seen)
            {
                foreach (var edge in cascades.Where(c => c.From == table))
                {
                    Assert.IsFalse(seen.Contains(edge.To), $"cascade cycle through {edge.To}");
                    paths[edge.To] = paths.GetValueOrDefault(edge.To) + 1;
                    Walk(edge.To, [.. seen, edge.To]);
                }
            }
            Walk(start, [start]);
            var twice = paths.Where(p => p.Value > 1).Select(p => p.Key).ToList();
            Assert.IsEmpty(twice, $"deleting from {start} cascades to {string.Join(", ", twice)} along two paths: SQL Server refuses the schema");
        }
    }

    // Index keys: at most 1,700 bytes for a nonclustered index, 900 for a clustered one, and no (max) column:
    // https://learn.microsoft.com/sql/sql-server/maximum-capacity-specifications-for-sql-server
    [TestMethod]
    public void EveryIndexKeyFitsSqlServersLimit()
    {
        using var db = SqlServer();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        foreach (var index in table.Indexes.Cast<ITableIndex>().Concat<object>(table.UniqueConstraints))
        {
            var (name, columns) = index switch
            {
                ITableIndex i => (i.Name, i.Columns),
                IUniqueConstraint u => (u.Name, u.Columns),
                _ => throw new InvalidOperationException(),
            };
            var bytes = 0;
            foreach (var column in columns)
            {
                Assert.DoesNotContain("(max)", column.StoreType, $"{table.Name}.{column.Name} in {name} is {column.StoreType}");
                bytes += KeyBytes(column.StoreType);
            }
            Assert.IsLessThanOrEqualTo(1700, bytes, $"index {name} on {table.Name}: {bytes} bytes");
        }
    }

    private static int KeyBytes(string storeType)
    {
        var type = storeType.ToLowerInvariant();
        var open = type.IndexOf('(');
        var length = open < 0 ? 0 : int.Parse(type[(open + 1)..type.IndexOfAny([',', ')'])]);
        return type switch
        {
            _ when type.StartsWith("nvarchar") || type.StartsWith("nchar") => length * 2,
            _ when type.StartsWith("varchar") || type.StartsWith("char") || type.StartsWith("varbinary") => length,
            _ when type.StartsWith("decimal") => 17,
            "bigint" or "datetime2" or "float" or "datetimeoffset" => 8,
            "uniqueidentifier" => 16,
            "bit" or "tinyint" => 1,
            "smallint" => 2,
            _ => 4,
        };
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.PostgreSql
{
    // A contact search for a phone number ("Phone LIKE '+33 1 001886%' OR …", ordered by id, first page) is planned on
    // PostgreSQL's estimate of how many contacts hold that prefix, which comes from the column's histogram at the
    // resolution of one entry: with the default 100 entries, a prefix that 100 of 1,000,000 contacts hold counts as
    // 10,000, and the planner walks the contacts' primary key expecting the first visible matches early; they lie far
    // in the key and the search reads most of the table (15–17 searches over 200 ms in 10 s of the benchmark, up to
    // 3.7 s). With 1,000 entries the estimate is 1,000 and it was worse (32–42, up to 7.2 s); with 10,000 it is right,
    // every search takes the phone indexes (none over 200 ms, at most 80 ms under load), and planning costs about 1 ms
    // more (a LIKE pattern is tried on each histogram entry). docs/performance.md, contact phone prefix. Only
    // PostgreSQL: SQLite and SQL Server seek these prefixes without a cost-based choice.
    // https://www.postgresql.org/docs/15/sql-altertable.html (SET STATISTICS), https://www.postgresql.org/docs/15/planner-stats.html
    /// <inheritdoc />
    public partial class SearchPrefixStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"Contacts\" ALTER COLUMN \"Phone\" SET STATISTICS 10000, ALTER COLUMN \"Mobile\" SET STATISTICS 10000;");
            migrationBuilder.Sql("ANALYZE \"Contacts\" (\"Phone\", \"Mobile\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"Contacts\" ALTER COLUMN \"Phone\" SET STATISTICS -1, ALTER COLUMN \"Mobile\" SET STATISTICS -1;");
        }
    }
}

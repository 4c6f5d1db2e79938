using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.PostgreSql
{
    // A company name search ("lower(Name) LIKE '%term%' ORDER BY Id LIMIT n" among the visible companies) is planned per
    // term: the trigram index for a rare term, the primary key in id order for a common one. PostgreSQL estimates how
    // many names contain the term from the sample of the index's expression that ANALYZE keeps, at best one entry's
    // worth of rows (https://www.postgresql.org/docs/15/row-estimation-examples.html, planner statistics): with the
    // default 100 entries, "1783" (140 of 200,000 names) was estimated at 813, the primary-key walk chosen, and every row
    // read to find a rep's 7 (467 ms); with 1,000, "12502" (12 names) was still taken for 243 (355 ms). With 10,000 (the
    // maximum) every rare term of the benchmark comes from the trigram index (1–9 ms) and common ones ("lefèvre",
    // "garage") still walk the key (under 1 ms). ANALYZE then samples up to 3,000,000 rows of Companies (3 s at
    // 200,000 companies). Only PostgreSQL: SQLite searches its FTS5 table, SQL Server scans (docs/performance.md).
    // https://www.postgresql.org/docs/15/sql-alterindex.html (SET STATISTICS on an expression column of an index).
    // ANALYZE here, or the setting waits for the next automatic one.
    /// <inheritdoc />
    public partial class CompanyNameStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER INDEX \"IX_Companies_Name_Search\" ALTER COLUMN 1 SET STATISTICS 10000;");
            migrationBuilder.Sql("ANALYZE \"Companies\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER INDEX \"IX_Companies_Name_Search\" ALTER COLUMN 1 SET STATISTICS -1;");
        }
    }
}

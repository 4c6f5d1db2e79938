using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No trigram index on SQL Server: e-mail and phone prefixes seek the model's b-tree indexes, name substrings scan
            // the rows a caller sees (docs/performance.md, Search). Full-text CONTAINS matches word prefixes only, not substrings.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}

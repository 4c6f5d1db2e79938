using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Provider-only search indexes (not in the EF model): substrings of names by trigram, prefixes by b-tree.
            migrationBuilder.Sql(@"CREATE EXTENSION IF NOT EXISTS pg_trgm");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Companies_Name_Search"" ON ""Companies"" USING gin (lower(""Name"") gin_trgm_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Companies_Phone_Search"" ON ""Companies"" (""Phone"" text_pattern_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Contacts_LastName_Search"" ON ""Contacts"" USING gin (lower(""LastName"") gin_trgm_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Contacts_FirstName_Search"" ON ""Contacts"" USING gin (lower(""FirstName"") gin_trgm_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Contacts_Email_Search"" ON ""Contacts"" (""Email"" text_pattern_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Contacts_Email2_Search"" ON ""Contacts"" (""Email2"" text_pattern_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Contacts_Phone_Search"" ON ""Contacts"" (""Phone"" text_pattern_ops)");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_Contacts_Mobile_Search"" ON ""Contacts"" (""Mobile"" text_pattern_ops)");
            // Statistics of the lower() expressions: without them the planner guesses hundreds of matches and walks the primary key.
            migrationBuilder.Sql(@"ANALYZE ""Companies""");
            migrationBuilder.Sql(@"ANALYZE ""Contacts""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP INDEX ""IX_Companies_Name_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Companies_Phone_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Contacts_LastName_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Contacts_FirstName_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Contacts_Email_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Contacts_Email2_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Contacts_Phone_Search""");
            migrationBuilder.Sql(@"DROP INDEX ""IX_Contacts_Mobile_Search""");
        }
    }
}

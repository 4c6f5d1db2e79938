using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 trigram tables over the rows (external content, kept by triggers): LIKE '%x%' and 'x%' become index lookups.
            // A later migration that rebuilds Companies or Contacts must recreate these triggers (SearchIndexTests checks them).
            migrationBuilder.Sql(@"CREATE VIRTUAL TABLE CompanySearch USING fts5(Name, Phone, content='Companies', content_rowid='Id', tokenize='trigram')");
            migrationBuilder.Sql(@"INSERT INTO CompanySearch(CompanySearch) VALUES ('rebuild')");
            migrationBuilder.Sql(@"CREATE TRIGGER Companies_Search_Insert AFTER INSERT ON Companies BEGIN INSERT INTO CompanySearch(rowid, Name, Phone) VALUES (new.Id, new.Name, new.Phone); END");
            migrationBuilder.Sql(@"CREATE TRIGGER Companies_Search_Delete AFTER DELETE ON Companies BEGIN INSERT INTO CompanySearch(CompanySearch, rowid, Name, Phone) VALUES ('delete', old.Id, old.Name, old.Phone); END");
            migrationBuilder.Sql(@"CREATE TRIGGER Companies_Search_Update AFTER UPDATE OF Name, Phone ON Companies BEGIN INSERT INTO CompanySearch(CompanySearch, rowid, Name, Phone) VALUES ('delete', old.Id, old.Name, old.Phone); INSERT INTO CompanySearch(rowid, Name, Phone) VALUES (new.Id, new.Name, new.Phone); END");
            migrationBuilder.Sql(@"CREATE VIRTUAL TABLE ContactSearch USING fts5(LastName, FirstName, Email, Email2, Phone, Mobile, content='Contacts', content_rowid='Id', tokenize='trigram')");
            migrationBuilder.Sql(@"INSERT INTO ContactSearch(ContactSearch) VALUES ('rebuild')");
            migrationBuilder.Sql(@"CREATE TRIGGER Contacts_Search_Insert AFTER INSERT ON Contacts BEGIN INSERT INTO ContactSearch(rowid, LastName, FirstName, Email, Email2, Phone, Mobile) VALUES (new.Id, new.LastName, new.FirstName, new.Email, new.Email2, new.Phone, new.Mobile); END");
            migrationBuilder.Sql(@"CREATE TRIGGER Contacts_Search_Delete AFTER DELETE ON Contacts BEGIN INSERT INTO ContactSearch(ContactSearch, rowid, LastName, FirstName, Email, Email2, Phone, Mobile) VALUES ('delete', old.Id, old.LastName, old.FirstName, old.Email, old.Email2, old.Phone, old.Mobile); END");
            migrationBuilder.Sql(@"CREATE TRIGGER Contacts_Search_Update AFTER UPDATE OF LastName, FirstName, Email, Email2, Phone, Mobile ON Contacts BEGIN INSERT INTO ContactSearch(ContactSearch, rowid, LastName, FirstName, Email, Email2, Phone, Mobile) VALUES ('delete', old.Id, old.LastName, old.FirstName, old.Email, old.Email2, old.Phone, old.Mobile); INSERT INTO ContactSearch(rowid, LastName, FirstName, Email, Email2, Phone, Mobile) VALUES (new.Id, new.LastName, new.FirstName, new.Email, new.Email2, new.Phone, new.Mobile); END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER Companies_Search_Insert");
            migrationBuilder.Sql(@"DROP TRIGGER Companies_Search_Delete");
            migrationBuilder.Sql(@"DROP TRIGGER Companies_Search_Update");
            migrationBuilder.Sql(@"DROP TABLE CompanySearch");
            migrationBuilder.Sql(@"DROP TRIGGER Contacts_Search_Insert");
            migrationBuilder.Sql(@"DROP TRIGGER Contacts_Search_Delete");
            migrationBuilder.Sql(@"DROP TRIGGER Contacts_Search_Update");
            migrationBuilder.Sql(@"DROP TABLE ContactSearch");
        }
    }
}

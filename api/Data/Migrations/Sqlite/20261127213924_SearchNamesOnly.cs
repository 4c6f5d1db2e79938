using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchNamesOnly : Migration
    {
        // The trigram tables keep the names only. E-mails and phone numbers are searched by prefix with GLOB on their
        // b-tree indexes (Search.Glob); kept in the trigram tables they only made trigrams such as "+33" or "@sc" common
        // to every row, so that a phone-like term read the posting lists of all the contacts (37 ms p99 at 100,000).
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Drop.Concat(Create(["Name"], ["LastName", "FirstName"]))) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Drop.Concat(Create(["Name", "Phone"], ["LastName", "FirstName", "Email", "Email2", "Phone", "Mobile"])))
                migrationBuilder.Sql(sql);
        }

        private static readonly string[] Drop =
        [
            "DROP TRIGGER Companies_Search_Insert", "DROP TRIGGER Companies_Search_Delete", "DROP TRIGGER Companies_Search_Update", "DROP TABLE CompanySearch",
            "DROP TRIGGER Contacts_Search_Insert", "DROP TRIGGER Contacts_Search_Delete", "DROP TRIGGER Contacts_Search_Update", "DROP TABLE ContactSearch",
        ];

        // External-content FTS5 trigram tables kept by triggers, as SearchIndexes made them.
        private static IEnumerable<string> Create(string[] companyColumns, string[] contactColumns) =>
            Table("CompanySearch", "Companies", companyColumns).Concat(Table("ContactSearch", "Contacts", contactColumns));

        private static IEnumerable<string> Table(string search, string table, string[] columns)
        {
            var list = string.Join(", ", columns);
            string Values(string row) => string.Join(", ", columns.Select(c => $"{row}.{c}"));
            var delete = $"INSERT INTO {search}({search}, rowid, {list}) VALUES ('delete', old.Id, {Values("old")});";
            var insert = $"INSERT INTO {search}(rowid, {list}) VALUES (new.Id, {Values("new")});";
            yield return $"CREATE VIRTUAL TABLE {search} USING fts5({list}, content='{table}', content_rowid='Id', tokenize='trigram')";
            yield return $"INSERT INTO {search}({search}) VALUES ('rebuild')";
            yield return $"CREATE TRIGGER {table}_Search_Insert AFTER INSERT ON {table} BEGIN {insert} END";
            yield return $"CREATE TRIGGER {table}_Search_Delete AFTER DELETE ON {table} BEGIN {delete} END";
            yield return $"CREATE TRIGGER {table}_Search_Update AFTER UPDATE OF {list} ON {table} BEGIN {delete} {insert} END";
        }
    }
}

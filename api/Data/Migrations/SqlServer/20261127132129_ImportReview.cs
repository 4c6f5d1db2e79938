using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ImportReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Companies",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastVerifiedAt_Id",
                table: "Contacts",
                columns: new[] { "LastVerifiedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Companies_LastVerifiedAt_Id",
                table: "Companies",
                columns: new[] { "LastVerifiedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_LastVerifiedAt_Id",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Companies_LastVerifiedAt_Id",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Companies");
        }
    }
}

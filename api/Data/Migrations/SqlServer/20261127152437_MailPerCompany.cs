using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MailPerCompany : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_OwnerId_InternetMessageId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_OwnerId_InternetMessageId_CompanyId",
                table: "Activities",
                columns: new[] { "OwnerId", "InternetMessageId", "CompanyId" },
                unique: true,
                filter: "[InternetMessageId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_OwnerId_InternetMessageId_CompanyId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_OwnerId_InternetMessageId",
                table: "Activities",
                columns: new[] { "OwnerId", "InternetMessageId" },
                unique: true,
                filter: "[InternetMessageId] IS NOT NULL");
        }
    }
}

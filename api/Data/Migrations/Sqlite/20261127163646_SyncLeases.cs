using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyncLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SyncInstances",
                columns: table => new
                {
                    Pool = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SeenUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncInstances", x => new { x.Pool, x.Holder });
                });

            migrationBuilder.CreateTable(
                name: "SyncMailboxes",
                columns: table => new
                {
                    Pool = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Epoch = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactState = table.Column<string>(type: "TEXT", nullable: true),
                    CalendarState = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncMailboxes", x => new { x.Pool, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_SyncMailboxes_Pool_Holder",
                table: "SyncMailboxes",
                columns: new[] { "Pool", "Holder" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SyncInstances");

            migrationBuilder.DropTable(
                name: "SyncMailboxes");
        }
    }
}

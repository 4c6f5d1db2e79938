using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookCrm.Api.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StageTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StageTexts",
                columns: table => new
                {
                    StageId = table.Column<int>(type: "int", nullable: false),
                    Language = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Definition = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageTexts", x => new { x.StageId, x.Language });
                    table.ForeignKey(
                        name: "FK_StageTexts_PipelineStages_StageId",
                        column: x => x.StageId,
                        principalTable: "PipelineStages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StageTexts_Language_Name",
                table: "StageTexts",
                columns: new[] { "Language", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StageTexts");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictograph.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecentMediaIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Media_Recent",
                table: "Media",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"InGrid\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Media_Recent",
                table: "Media");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictograph.Data.Migrations
{
    /// <inheritdoc />
    public partial class HashtagUseByMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HashtagUses_MediaId",
                table: "HashtagUses");

            migrationBuilder.CreateIndex(
                name: "IX_HashtagUses_MediaId_HashtagId",
                table: "HashtagUses",
                columns: new[] { "MediaId", "HashtagId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HashtagUses_MediaId_HashtagId",
                table: "HashtagUses");

            migrationBuilder.CreateIndex(
                name: "IX_HashtagUses_MediaId",
                table: "HashtagUses",
                column: "MediaId");
        }
    }
}

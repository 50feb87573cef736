using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictograph.Data.Migrations
{
    /// <inheritdoc />
    public partial class MediaVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Media_Grid",
                table: "Media");

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Media",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Media_Grid",
                table: "Media",
                columns: new[] { "OwnerId", "CreatedAt", "Id", "Version" },
                filter: "\"InGrid\"");

            // Every update of a row raises its version, whoever writes it (see Media.Version). The inner
            // update does not fire the trigger again (recursive triggers are off, and the WHEN fails).
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Media_Version" AFTER UPDATE ON "Media" FOR EACH ROW WHEN NEW."Version" = OLD."Version"
                BEGIN
                    UPDATE "Media" SET "Version" = OLD."Version" + 1 WHERE "Id" = NEW."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"Media_Version\";");

            migrationBuilder.DropIndex(
                name: "IX_Media_Grid",
                table: "Media");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Media");

            migrationBuilder.CreateIndex(
                name: "IX_Media_Grid",
                table: "Media",
                columns: new[] { "OwnerId", "CreatedAt", "Id" },
                filter: "\"InGrid\"");
        }
    }
}

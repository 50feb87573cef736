using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictograph.Data.Migrations
{
    /// <summary>
    /// A change to any comment raises its post's Version, so a page of the post's comments kept in memory
    /// (CommentPages) is current exactly when the post's version is, whichever process wrote.
    /// </summary>
    public partial class CommentsRaiseMediaVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Setting Version itself keeps Media_Version (WHEN NEW.Version = OLD.Version) from raising it twice.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_Insert_MediaVersion" AFTER INSERT ON "Comments" FOR EACH ROW
                BEGIN
                    UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" = NEW."MediaId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_Update_MediaVersion" AFTER UPDATE ON "Comments" FOR EACH ROW
                BEGIN
                    UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" IN (OLD."MediaId", NEW."MediaId");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_Delete_MediaVersion" AFTER DELETE ON "Comments" FOR EACH ROW
                BEGIN
                    UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" = OLD."MediaId";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"Comments_Insert_MediaVersion\";");
            migrationBuilder.Sql("DROP TRIGGER \"Comments_Update_MediaVersion\";");
            migrationBuilder.Sql("DROP TRIGGER \"Comments_Delete_MediaVersion\";");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictograph.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AccountId",
                table: "Jobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_AccountId_State_LeaseUntil",
                table: "Jobs",
                columns: new[] { "AccountId", "State", "LeaseUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Jobs_AccountId_State_LeaseUntil",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "Jobs");
        }
    }
}

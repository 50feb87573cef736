using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictograph.Data.Migrations
{
    /// <inheritdoc />
    public partial class AppSecretLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;
using Pictograph.Data.Providers;

namespace Pictograph.Data;

/// <summary>Lets the EF Core tools build SQLite's model for migrations without starting the server.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<PictographDb>
{
    public PictographDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PictographDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>The same for PostgreSQL (<c>dotnet ef … --context PostgreSqlDb</c>); no server is contacted to add a migration or write a script.</summary>
internal sealed class PostgreSqlDesignTimeDbFactory : IDesignTimeDbContextFactory<PostgreSqlDb>
{
    public PostgreSqlDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDb>()
            .UseNpgsql("Host=localhost;Database=pictograph")
            .ReplaceService<IMigrationsSqlGenerator, PostgreSqlMigrations>()
            .Options);
}

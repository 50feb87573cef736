using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pictograph.Data;

/// <summary>Lets the EF Core tools build the model for migrations without starting the server.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<PictographDb>
{
    public PictographDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PictographDb>().UseSqlite("Data Source=design-time.db").Options);
}

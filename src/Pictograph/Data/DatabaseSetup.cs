using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Data;

/// <summary>Brings the database to the current schema at start.</summary>
public sealed class DatabaseSetup(IDbContextFactory<PictographDb> dbFactory, IOptions<PictographOptions> options)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        OwnerOnlyFiles.CreateDirectory(options.Value.DataDirectory);
        OwnerOnlyFiles.PrepareDatabase(options.Value.DatabaseConnectionString);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        // WAL lets readers run beside the one writer; the setting is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }
}

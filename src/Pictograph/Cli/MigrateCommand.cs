using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Hosting;

namespace Pictograph.Cli;

/// <summary>
/// <c>pictograph migrate</c>: brings the configured database to the current schema and exits, for operators who
/// migrate before starting nodes (each node's start would otherwise do it, under EF Core's migration lock).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("migrate", "Apply the database migrations of the configured provider (SQLite or PostgreSQL), then exit.") { dataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await app.Services.GetRequiredService<DatabaseSetup>().MigrateAsync(cancellationToken).ConfigureAwait(false);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            Console.WriteLine($"The database is at {applied[^1]} ({db.Database.ProviderName}).");
            return 0;
        });
        return command;
    }
}

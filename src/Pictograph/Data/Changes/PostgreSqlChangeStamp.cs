using Npgsql;

namespace Pictograph.Data.Changes;

/// <summary>
/// PostgreSQL's stamp: the sum of the commit counters that triggers on every table advance in the writing
/// transaction itself (see <see cref="Providers.PostgreSqlMigrations"/>), so a commit and its new stamp become
/// visible together, to every connection of every node. One indexed read of eight rows per call.
/// </summary>
public sealed class PostgreSqlChangeStamp(NpgsqlDataSource dataSource) : IChangeStamp
{
    public async ValueTask<ChangeStamp?> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Providers.PostgreSqlMigrations.ReadStamp);
            return new ChangeStamp((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }
        catch (NpgsqlException)
        {
            // Without a stamp nothing is kept; the request's own reads report the failure.
            return null;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>
/// Writes insight events with one prepared INSERT re-run per row inside one transaction, bypassing change
/// tracking: the recorder's batches and the demo seed's month of events are rows nobody reads back in the
/// same unit of work, and both providers insert fastest this way (one statement prepared once).
/// </summary>
public static class InsightEventRows
{
    public static async Task InsertAsync(PictographDb db, IReadOnlyCollection<InsightEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var database = db.Database;
        // Joins the caller's transaction, or commits once for the whole batch.
        await using var own = database.CurrentTransaction is null
            ? await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        await using var command = database.GetDbConnection().CreateCommand();
        command.Transaction = database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = 
            "INSERT INTO \"InsightEvents\" (\"AccountId\", \"MediaId\", \"ActorId\", \"Kind\", \"Detail\", \"CreatedAt\") VALUES (@account, @media, @actor, @kind, @detail, @at)";
        var parameters = new[] { "@account", "@media", "@actor", "@kind", "@detail", "@at" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();

        foreach (var e in events)
        {
            object?[] values = [e.AccountId, e.MediaId, e.ActorId, e.Kind, e.Detail, e.CreatedAt];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

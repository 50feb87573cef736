using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Webhooks;

/// <summary>
/// Ids for deliveries, known before they are saved so each delivery's job can name its delivery in the same
/// SaveChanges. Blocks are reserved like node ids (<see cref="IdAllocator"/>), in the IdBlocks row of tag 100:
/// node kinds are two-digit tags, so no node kind ever uses it. Reserved on a connection of its own, so a
/// caller's transaction that rolls back cannot hand the same block out twice.
/// </summary>
internal static class DeliveryIds
{
    private const int Tag = 100;
    private const int BlockSize = 64;

    // One block per database (tests run several servers in one process).
    private static readonly ConcurrentDictionary<string, Block> Blocks = new(StringComparer.Ordinal);

    public static async Task<long> NextAsync(PictographDb db, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The database has no connection string.");
        var block = Blocks.GetOrAdd(connectionString, _ => new Block());
        await block.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (block.Next >= block.End)
            {
                block.End = await ReserveAsync(connectionString, cancellationToken).ConfigureAwait(false);
                block.Next = block.End - BlockSize;
            }

            return block.Next++;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    private static async Task<long> ReserveAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO IdBlocks (Kind, Next) VALUES ({Tag}, 1) ON CONFLICT (Kind) DO NOTHING;
            UPDATE IdBlocks SET Next = Next + {BlockSize} WHERE Kind = {Tag} RETURNING Next;
            """;
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The delivery id block was not reserved."));
    }

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long Next { get; set; }

        public long End { get; set; }
    }
}

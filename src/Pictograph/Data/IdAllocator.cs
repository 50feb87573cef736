using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data;

/// <summary>Counters of rows that are not nodes; numbered from 100 so they never meet a node kind's two-digit tag.</summary>
public enum IdCounter
{
    /// <summary>Webhook deliveries: a delivery's id is known before it is saved, so the job sending it can name it.</summary>
    WebhookDelivery = 100,
}

/// <summary>
/// Hands out ids per <see cref="NodeKind"/> (and plain sequence numbers per <see cref="IdCounter"/>). Each
/// process reserves a block of sequence numbers in one atomic UPDATE … RETURNING on a connection of its own,
/// so several processes on one database never hand out the same id, and a caller's transaction that rolls
/// back cannot hand a block out twice.
/// </summary>
public sealed class IdAllocator(IDbContextFactory<PictographDb> dbFactory)
{
    private const int BlockSize = 64;
    private readonly ConcurrentDictionary<int, Block> _blocks = new();

    public async Task<long> NextAsync(NodeKind kind, CancellationToken cancellationToken = default) =>
        NodeIds.Compose(kind, await NextInSequenceAsync((int)kind, cancellationToken).ConfigureAwait(false));

    public Task<long> NextAsync(IdCounter counter, CancellationToken cancellationToken = default) =>
        NextInSequenceAsync((int)counter, cancellationToken);

    /// <summary>Drops the blocks this process holds, so the next ids continue from the (restored) counters.</summary>
    public void Forget() => _blocks.Clear();

    private async Task<long> NextInSequenceAsync(int sequence, CancellationToken cancellationToken)
    {
        var block = _blocks.GetOrAdd(sequence, _ => new Block());
        await block.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (block.Next >= block.End)
            {
                block.End = await ReserveAsync(sequence, cancellationToken).ConfigureAwait(false);
                block.Next = block.End - BlockSize;
            }

            return block.Next++;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    private async Task<long> ReserveAsync(int k, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"IdBlocks\" (\"Kind\", \"Next\") VALUES ({k}, 1) ON CONFLICT (\"Kind\") DO NOTHING", cancellationToken).ConfigureAwait(false);
        var end = await db.Database
            .SqlQuery<long>($"UPDATE \"IdBlocks\" SET \"Next\" = \"Next\" + {BlockSize} WHERE \"Kind\" = {k} RETURNING \"Next\" AS \"Value\"")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return end.Single();
    }

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long Next { get; set; }

        public long End { get; set; }
    }
}

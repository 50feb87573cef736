using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data;

/// <summary>
/// Hands out ids per <see cref="NodeKind"/>. Each process reserves a block of sequence numbers in
/// one atomic UPDATE … RETURNING, so several processes on one database never hand out the same id.
/// </summary>
public sealed class IdAllocator(IDbContextFactory<PictographDb> dbFactory)
{
    private const int BlockSize = 64;
    private readonly ConcurrentDictionary<NodeKind, Block> _blocks = new();

    public async Task<long> NextAsync(NodeKind kind, CancellationToken cancellationToken = default)
    {
        var block = _blocks.GetOrAdd(kind, _ => new Block());
        await block.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (block.Next >= block.End)
            {
                block.End = await ReserveAsync(kind, cancellationToken).ConfigureAwait(false);
                block.Next = block.End - BlockSize;
            }

            return NodeIds.Compose(kind, block.Next++);
        }
        finally
        {
            block.Gate.Release();
        }
    }

    private async Task<long> ReserveAsync(NodeKind kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var k = (int)kind;
        await db.Database.ExecuteSqlAsync($"INSERT INTO IdBlocks (Kind, Next) VALUES ({k}, 1) ON CONFLICT (Kind) DO NOTHING", cancellationToken).ConfigureAwait(false);
        var end = await db.Database
            .SqlQuery<long>($"UPDATE IdBlocks SET Next = Next + {BlockSize} WHERE Kind = {k} RETURNING Next AS Value")
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

using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Data.Rows;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes;

/// <summary>The media lists shared by every flavour's node types, each one batched per level.</summary>
public static class MediaQueries
{
    /// <summary>Paging of a profile's media edge: 25 a page by default, at most 100, only the 10,000 most recent reachable.</summary>
    public static readonly ConnectionOptions GridEdge = new(DefaultLimit: 25, MaxLimit: 100, MaxItems: 10_000, TimeFilter: true);

    /// <summary>A profile grid: newest first.</summary>
    public static readonly Keyset<Data.Media> Grid = new(m => m.CreatedAt, m => m.Id, descending: true);

    /// <summary>A carousel's items in their order.</summary>
    public static readonly Keyset<Data.Media> Carousel = new(m => m.Position, m => m.Id, descending: false);

    public static async Task<IReadOnlyList<IReadOnlyList<Data.Media>>> GridOf(IReadOnlyList<ConnectionQuery<Account>> queries, GraphContext context)
    {
        var db = context.Db();
        if (queries is [{ Page: { Since: null, Until: null } page } only])
        {
            // One profile's page without a time window, by far the most common read of the API: its keys from
            // the grid index, its rows from the kept copies where current (see MediaCache).
            var owner = only.Parent.Id;
            var keys = await context.Rows().GridKeysAsync(
                owner,
                page.After is { } after ? new GridPosition(after.Primary, after.Secondary) : null,
                page.Before is { } before ? new GridPosition(before.Primary, before.Secondary) : null,
                page.Take,
                context.CancellationToken).ConfigureAwait(false);
            return [await CurrentAsync(keys, context).ConfigureAwait(false)];
        }

        return await Grid.LoadAsync(
            queries,
            query => InWindow(db.Media.Where(m => m.OwnerId == query.Parent.Id && m.InGrid), query.Page),
            m => m.OwnerId,
            a => a.Id,
            context).ConfigureAwait(false);
    }

    /// <summary>The rows of <paramref name="keys"/> in their order: kept copies at the same version, the rest read in one statement.</summary>
    public static async Task<List<Data.Media>> CurrentAsync(List<(long Id, long Version)> keys, GraphContext context)
    {
        var cache = context.Services.GetRequiredService<MediaCache>();
        var rows = new Data.Media?[keys.Count];
        List<long>? missing = null;
        for (var i = 0; i < keys.Count; i++)
        {
            if (cache.TryGet(keys[i].Id, keys[i].Version, out var kept))
            {
                rows[i] = kept;
            }
            else
            {
                (missing ??= []).Add(keys[i].Id);
            }
        }

        if (missing is not null)
        {
            var read = (await context.Rows().MediaAsync(missing, context.CancellationToken).ConfigureAwait(false)).ToDictionary(m => m.Id);
            for (var i = 0; i < keys.Count; i++)
            {
                if (rows[i] is null && read.TryGetValue(keys[i].Id, out var row))
                {
                    cache.Keep(row.Id, row.Version, row);
                    rows[i] = row;
                }
            }
        }

        // A row deleted between the two statements is simply no longer listed.
        return [.. rows.OfType<Data.Media>()];
    }

    public static async Task<IReadOnlyList<IReadOnlyList<Data.Media>>> ChildrenOf(IReadOnlyList<ConnectionQuery<Data.Media>> queries, GraphContext context)
    {
        if (Keyset<Data.Media>.SharedFirstPageTake(queries) is { } take)
        {
            // The first pages of a nested expansion: one statement however many carousels (see IRowReads).
            var children = await context.Rows().FirstChildrenAsync([.. queries.Select(q => q.Parent.Id)], take, context.CancellationToken).ConfigureAwait(false);
            return Carousel.ByParent(queries, children, m => m.ParentId!.Value, a => a.Id);
        }

        var db = context.Db();
        return await Carousel.LoadAsync(
            queries,
            query => db.Media.Where(m => m.ParentId == query.Parent.Id),
            m => m.ParentId!.Value,
            a => a.Id,
            context).ConfigureAwait(false);
    }

    /// <summary>Applies since/until (unix seconds, inclusive).</summary>
    private static IQueryable<Data.Media> InWindow(IQueryable<Data.Media> items, PageRequest page)
    {
        if (page.Since is { } since)
        {
            items = items.Where(m => m.CreatedAt >= since);
        }

        if (page.Until is { } until)
        {
            items = items.Where(m => m.CreatedAt <= until);
        }

        return items;
    }

    /// <summary>How many media each account's grid lists (<c>media_count</c>), in one query.</summary>
    public static async Task<IReadOnlyList<long>> GridCountsAsync(IReadOnlyList<Account> accounts, GraphContext context)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var counts = await context.Db().Media
            .Where(m => ids.Contains(m.OwnerId) && m.InGrid)
            .GroupBy(m => m.OwnerId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. accounts.Select(a => counts.GetValueOrDefault(a.Id))];
    }

    /// <summary>Usernames of the owners of a level's media, in one query (nearly always one owner: a profile's own list or item).</summary>
    public static async Task<IReadOnlyList<string?>> OwnerUsernames(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var names = await UsernamesAsync(media.Select(m => m.OwnerId), context).ConfigureAwait(false);
        return [.. media.Select(m => names.GetValueOrDefault(m.OwnerId))];
    }

    /// <summary>The usernames of accounts by id, in one read (see IRowReads) however many ids; unknown ids are left out.</summary>
    public static async Task<Dictionary<long, string>> UsernamesAsync(IEnumerable<long> accountIds, GraphContext context) =>
        (await context.Rows().UsernamesAsync([.. accountIds.Distinct()], context.CancellationToken).ConfigureAwait(false))
            .ToDictionary(a => a.Id, a => a.Username);
}

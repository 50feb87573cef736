using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
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

    // One profile's page without a time window, by far the most common read of the API, as compiled
    // queries: EF Core then skips its per-call expression work. Same SQL and index as the general path.
    private static readonly Func<PictographDb, long, int, IAsyncEnumerable<Data.Media>> GridFirstPage =
        EF.CompileAsyncQuery((PictographDb db, long owner, int take) =>
            db.Media.AsNoTracking().Where(m => m.OwnerId == owner && m.InGrid)
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take));

    private static readonly Func<PictographDb, long, long, long, int, IAsyncEnumerable<Data.Media>> GridAfter =
        EF.CompileAsyncQuery((PictographDb db, long owner, long at, long id, int take) =>
            db.Media.AsNoTracking().Where(m => m.OwnerId == owner && m.InGrid && m.CreatedAt <= at && (m.CreatedAt < at || m.Id < id))
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take));

    private static readonly Func<PictographDb, long, long, long, int, IAsyncEnumerable<Data.Media>> GridBefore =
        EF.CompileAsyncQuery((PictographDb db, long owner, long at, long id, int take) =>
            db.Media.AsNoTracking().Where(m => m.OwnerId == owner && m.InGrid && m.CreatedAt >= at && (m.CreatedAt > at || m.Id > id))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(take));

    public static async Task<IReadOnlyList<IReadOnlyList<Data.Media>>> GridOf(IReadOnlyList<ConnectionQuery<Account>> queries, GraphContext context)
    {
        var db = context.Db();
        if (queries is [{ Page: { Since: null, Until: null } page } only])
        {
            var owner = only.Parent.Id;
            var items = page switch
            {
                { After: { } after } => GridAfter(db, owner, after.Primary, after.Secondary, page.Take),
                { Before: { } before } => GridBefore(db, owner, before.Primary, before.Secondary, page.Take),
                _ => GridFirstPage(db, owner, page.Take),
            };
            return [await items.ToListAsync(context.CancellationToken).ConfigureAwait(false)];
        }

        return await Grid.LoadAsync(
            queries,
            query => InWindow(db.Media.Where(m => m.OwnerId == query.Parent.Id && m.InGrid), query.Page),
            m => m.OwnerId,
            a => a.Id,
            context).ConfigureAwait(false);
    }

    public static Task<IReadOnlyList<IReadOnlyList<Data.Media>>> ChildrenOf(IReadOnlyList<ConnectionQuery<Data.Media>> queries, GraphContext context)
    {
        var db = context.Db();
        return Carousel.LoadAsync(
            queries,
            query => db.Media.Where(m => m.ParentId == query.Parent.Id),
            m => m.ParentId!.Value,
            a => a.Id,
            context);
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

    private static readonly Func<PictographDb, long, CancellationToken, Task<string?>> UsernameOf =
        EF.CompileAsyncQuery((PictographDb db, long id, CancellationToken _) => db.Accounts.Where(a => a.Id == id).Select(a => a.Username).FirstOrDefault());

    /// <summary>Usernames of the owners of a level's media, in one query.</summary>
    public static async Task<IReadOnlyList<string?>> OwnerUsernames(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var ids = media.Select(m => m.OwnerId).Distinct().ToList();
        if (ids is [var owner])
        {
            // Nearly always one owner (a profile's own list or item): compiled, by key.
            var name = await UsernameOf(context.Db(), owner, context.CancellationToken).ConfigureAwait(false);
            return [.. media.Select(_ => name)];
        }

        var names = await context.Db().Accounts.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Username, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. media.Select(m => names.GetValueOrDefault(m.OwnerId))];
    }
}

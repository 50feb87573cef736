using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data.Rows;

/// <summary>
/// The hot reads as EF Core compiled queries, for any provider: translated once per process, ids as one array
/// parameter, and the per-parent first pages as one statement with a lateral join (each parent's page an index
/// range), never a query per parent.
/// </summary>
public sealed class EfRowReads(PictographDb db) : IRowReads
{
    private static readonly Func<PictographDb, long, CancellationToken, Task<Account?>> Account =
        EF.CompileAsyncQuery((PictographDb db, long id, CancellationToken _) => db.Accounts.AsNoTracking().FirstOrDefault(a => a.Id == id));

    private static readonly Func<PictographDb, long, long, long, CancellationToken, Task<Account?>> ManagedAccount =
        EF.CompileAsyncQuery((PictographDb db, long id, long user, long page, CancellationToken _) => db.Accounts.AsNoTracking()
            .FirstOrDefault(a => a.Id == id && db.Pages.Any(p => p.InstagramAccountId == a.Id
                && db.PageRoles.Any(r => r.PageId == p.Id && r.FacebookUserId == user && (page == 0 || r.PageId == page)))));

    private static readonly Func<PictographDb, long[], IAsyncEnumerable<IdAndName>> Usernames =
        EF.CompileAsyncQuery((PictographDb db, long[] ids) => db.Accounts.Where(a => ids.Contains(a.Id)).Select(a => new IdAndName(a.Id, a.Username)));

    private static readonly Func<PictographDb, long, long, CancellationToken, Task<Media?>> OwnMedia =
        EF.CompileAsyncQuery((PictographDb db, long id, long owner, CancellationToken _) => db.Media.AsNoTracking()
            .FirstOrDefault(m => m.Id == id && m.OwnerId == owner && m.ProductType != MediaProductType.Story));

    private static readonly Func<PictographDb, long, int, IAsyncEnumerable<IdAndVersion>> GridFirst =
        EF.CompileAsyncQuery((PictographDb db, long owner, int take) => db.Media
            .Where(m => m.OwnerId == owner && m.InGrid)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take)
            .Select(m => new IdAndVersion(m.Id, m.Version)));

    private static readonly Func<PictographDb, long, long, long, int, IAsyncEnumerable<IdAndVersion>> GridAfter =
        EF.CompileAsyncQuery((PictographDb db, long owner, long createdAt, long id, int take) => db.Media
            .Where(m => m.OwnerId == owner && m.InGrid && m.CreatedAt <= createdAt && (m.CreatedAt < createdAt || m.Id < id))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take)
            .Select(m => new IdAndVersion(m.Id, m.Version)));

    private static readonly Func<PictographDb, long, long, long, int, IAsyncEnumerable<IdAndVersion>> GridBefore =
        EF.CompileAsyncQuery((PictographDb db, long owner, long createdAt, long id, int take) => db.Media
            .Where(m => m.OwnerId == owner && m.InGrid && m.CreatedAt >= createdAt && (m.CreatedAt > createdAt || m.Id > id))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(take)
            .Select(m => new IdAndVersion(m.Id, m.Version)));

    private static readonly Func<PictographDb, long, long, long, long, int, IAsyncEnumerable<IdAndVersion>> RecentTagged =
        EF.CompileAsyncQuery((PictographDb db, long hashtag, long since, long createdAt, long id, int take) => db.Media
            .Where(m => m.InGrid && m.CreatedAt > since && m.CreatedAt <= createdAt && (m.CreatedAt < createdAt || m.Id < id)
                && db.HashtagUses.Any(h => h.HashtagId == hashtag && h.MediaId == m.Id))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take)
            .Select(m => new IdAndVersion(m.Id, m.Version)));

    private static readonly Func<PictographDb, long[], IAsyncEnumerable<Media>> MediaByIds =
        EF.CompileAsyncQuery((PictographDb db, long[] ids) => db.Media.AsNoTracking().Where(m => ids.Contains(m.Id)));

    private static readonly Func<PictographDb, long[], int, IAsyncEnumerable<Media>> FirstChildren =
        EF.CompileAsyncQuery((PictographDb db, long[] carousels, int take) => db.Media.AsNoTracking()
            .Where(p => carousels.Contains(p.Id))
            .SelectMany(p => db.Media.Where(x => x.ParentId == p.Id).OrderBy(x => x.Position).ThenBy(x => x.Id).Take(take)));

    private static readonly Func<PictographDb, long[], int, IAsyncEnumerable<Comment>> NewestComments =
        EF.CompileAsyncQuery((PictographDb db, long[] media, int take) => db.Media.AsNoTracking()
            .Where(p => media.Contains(p.Id))
            .SelectMany(p => db.Comments.Where(c => c.MediaId == p.Id && c.ParentId == null)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(take)));

    private static readonly Func<PictographDb, long[], IAsyncEnumerable<Hashtag>> Hashtags =
        EF.CompileAsyncQuery((PictographDb db, long[] ids) => db.Hashtags.AsNoTracking().Where(h => ids.Contains(h.Id)));

    public async ValueTask<Account?> AccountAsync(long id, CancellationToken cancellationToken) =>
        await Account(db, id, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Account?> ManagedAccountAsync(long id, long user, long page, CancellationToken cancellationToken) =>
        await ManagedAccount(db, id, user, page, cancellationToken).ConfigureAwait(false);

    public async ValueTask<List<(long Id, string Username)>> UsernamesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        [.. (await ListAsync(Usernames(db, [.. ids]), cancellationToken).ConfigureAwait(false)).Select(a => (a.Id, a.Name))];

    public async ValueTask<Media?> OwnMediaAsync(long id, long owner, CancellationToken cancellationToken) =>
        await OwnMedia(db, id, owner, cancellationToken).ConfigureAwait(false);

    public ValueTask<List<(long Id, long Version)>> GridKeysAsync(long owner, GridPosition? after, GridPosition? before, int take, CancellationToken cancellationToken) =>
        KeysAsync(
            (after, before) switch
            {
                ({ } a, _) => GridAfter(db, owner, a.CreatedAt, a.Id, take),
                (_, { } b) => GridBefore(db, owner, b.CreatedAt, b.Id, take),
                _ => GridFirst(db, owner, take),
            },
            cancellationToken);

    public ValueTask<List<(long Id, long Version)>> RecentTaggedKeysAsync(long hashtag, long since, GridPosition? after, int take, CancellationToken cancellationToken) =>
        KeysAsync(RecentTagged(db, hashtag, since, after?.CreatedAt ?? long.MaxValue, after?.Id ?? long.MaxValue, take), cancellationToken);

    public ValueTask<List<Media>> MediaAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ListAsync(MediaByIds(db, [.. ids]), cancellationToken);

    public ValueTask<List<Media>> FirstChildrenAsync(IReadOnlyCollection<long> carousels, int take, CancellationToken cancellationToken) =>
        ListAsync(FirstChildren(db, [.. carousels], take), cancellationToken);

    public ValueTask<List<Comment>> NewestCommentsAsync(IReadOnlyCollection<long> media, int take, CancellationToken cancellationToken) =>
        ListAsync(NewestComments(db, [.. media], take), cancellationToken);

    public ValueTask<List<Hashtag>> HashtagsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ListAsync(Hashtags(db, [.. ids]), cancellationToken);

    private static async ValueTask<List<(long Id, long Version)>> KeysAsync(IAsyncEnumerable<IdAndVersion> rows, CancellationToken cancellationToken) =>
        [.. (await ListAsync(rows, cancellationToken).ConfigureAwait(false)).Select(k => (k.Id, k.Version))];

    private static async ValueTask<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(row);
        }

        return list;
    }

    // Projections EF Core reads column by column (a tuple would be read as one PostgreSQL record).
    private sealed record IdAndName(long Id, string Name);

    private sealed record IdAndVersion(long Id, long Version);
}

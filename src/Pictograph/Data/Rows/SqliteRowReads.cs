using Pictograph.Data.Connections;

namespace Pictograph.Data.Rows;

/// <summary>
/// SQLite's hot reads: fixed statements kept prepared on the request's borrowed connection and mapped by hand
/// (AccountRows, MediaRows, CommentRows, HashtagRows), ids as one JSON array for <c>json_each</c>. For these reads
/// EF Core's per-query work cost several times the query; SQLite runs in-process, so each completes at once.
/// </summary>
public sealed class SqliteRowReads(PreparedConnection connection) : IRowReads
{
    public ValueTask<Account?> AccountAsync(long id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(AccountRows.ById, [id], AccountRows.Read) is [var account] ? account : null);

    public ValueTask<Account?> ManagedAccountAsync(long id, long user, long page, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(AccountRows.ManagedById, [id, user, page], AccountRows.Read) is [var account] ? account : null);

    public ValueTask<List<(long Id, string Username)>> UsernamesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(AccountRows.UsernamesOf, [IdList.Json(ids)], AccountRows.ReadIdAndUsername));

    public ValueTask<Media?> OwnMediaAsync(long id, long owner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(MediaRows.OwnById, [id, owner], MediaRows.Read) is [var media] ? media : null);

    public ValueTask<List<(long Id, long Version)>> GridKeysAsync(long owner, GridPosition? after, GridPosition? before, int take, CancellationToken cancellationToken) =>
        ValueTask.FromResult((after, before) switch
        {
            ({ } a, _) => connection.Query(MediaRows.GridAfter, [owner, a.CreatedAt, a.Id, take], MediaRows.ReadKey),
            (_, { } b) => connection.Query(MediaRows.GridBefore, [owner, b.CreatedAt, b.Id, take], MediaRows.ReadKey),
            _ => connection.Query(MediaRows.GridFirst, [owner, take], MediaRows.ReadKey),
        });

    public ValueTask<List<(long Id, long Version)>> RecentTaggedKeysAsync(long hashtag, long since, GridPosition? after, int take, CancellationToken cancellationToken) =>
        ValueTask.FromResult(after is { } a
            ? connection.Query(MediaRows.RecentTaggedAfter, [hashtag, since, a.CreatedAt, a.Id, take], MediaRows.ReadKey)
            : connection.Query(MediaRows.RecentTagged, [hashtag, since, take], MediaRows.ReadKey));

    public ValueTask<List<Media>> MediaAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(MediaRows.ByIds, [IdList.Json(ids)], MediaRows.Read));

    public ValueTask<List<Media>> FirstChildrenAsync(IReadOnlyCollection<long> carousels, int take, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(MediaRows.FirstChildrenOf, [IdList.Json(carousels), take], MediaRows.Read));

    public ValueTask<List<Comment>> NewestCommentsAsync(IReadOnlyCollection<long> media, int take, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(CommentRows.NewestTopLevelOf, [IdList.Json(media), take], CommentRows.Read));

    public ValueTask<List<Hashtag>> HashtagsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ValueTask.FromResult(connection.Query(HashtagRows.ByIds, [IdList.Json(ids)], HashtagRows.Read));
}

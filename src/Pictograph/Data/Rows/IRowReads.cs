namespace Pictograph.Data.Rows;

/// <summary>
/// The reads behind nearly every call, batched per level: the token's account, a grid page's keys, posts by id,
/// usernames, the first comment pages and carousel items of a level, a hashtag's recent media. Rows come back
/// untracked and are shared through the kept copies (<see cref="MediaCache"/>): nothing may change them.
/// EF Core's compiled queries by default (<see cref="EfRowReads"/>); SQLite has its own statements where they
/// were measured to be faster (<see cref="SqliteRowReads"/>).
/// </summary>
public interface IRowReads
{
    ValueTask<Account?> AccountAsync(long id, CancellationToken cancellationToken);

    /// <summary>Account <paramref name="id"/> if Facebook user <paramref name="user"/> has a role on a Page linked to it (on Page <paramref name="page"/> only, unless 0).</summary>
    ValueTask<Account?> ManagedAccountAsync(long id, long user, long page, CancellationToken cancellationToken);

    ValueTask<List<(long Id, string Username)>> UsernamesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>An account's post by id, never a story.</summary>
    ValueTask<Media?> OwnMediaAsync(long id, long owner, CancellationToken cancellationToken);

    /// <summary>
    /// The (id, version) keys of a page of an account's grid, newest first: the first page, the page after a
    /// position (older), or the page before one (newer, then oldest first).
    /// </summary>
    ValueTask<List<(long Id, long Version)>> GridKeysAsync(long owner, GridPosition? after, GridPosition? before, int take, CancellationToken cancellationToken);

    /// <summary>The keys of the newest grid posts tagged with <paramref name="hashtag"/> posted after <paramref name="since"/> (unix seconds), after a position.</summary>
    ValueTask<List<(long Id, long Version)>> RecentTaggedKeysAsync(long hashtag, long since, GridPosition? after, int take, CancellationToken cancellationToken);

    /// <summary>The posts with these ids, in no particular order.</summary>
    ValueTask<List<Media>> MediaAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="take"/> items of each carousel, in their order.</summary>
    ValueTask<List<Media>> FirstChildrenAsync(IReadOnlyCollection<long> carousels, int take, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="take"/> top-level comments of each post.</summary>
    ValueTask<List<Comment>> NewestCommentsAsync(IReadOnlyCollection<long> media, int take, CancellationToken cancellationToken);

    ValueTask<List<Hashtag>> HashtagsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}

/// <summary>A place in a list ordered by time then id (a cursor's key).</summary>
public readonly record struct GridPosition(long CreatedAt, long Id);

using System.Collections.Concurrent;

namespace Pictograph.Data.Rows;

/// <summary>
/// The first page of each post's top-level comments (newest first, so many a page), kept between requests for
/// the post's <see cref="Media.Version"/>: the database raises it on every insert, update or delete of one of
/// the post's comments (triggers), so a kept page is current when the post's version is, whichever process
/// wrote. A nested expansion's level of comments then reads only the posts whose page is missing or older.
/// The pages are shared: nothing may change them.
/// </summary>
public sealed class CommentPages
{
    /// <summary>Pages kept at most (a few comments each); past it the cache starts over.</summary>
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(long Media, int Take), (long Version, IReadOnlyList<Comment> Page)> _pages = new();

    public bool TryGet(Media media, int take, out IReadOnlyList<Comment> page)
    {
        if (_pages.TryGetValue((media.Id, take), out var kept) && kept.Version == media.Version)
        {
            page = kept.Page;
            return true;
        }

        page = [];
        return false;
    }

    /// <summary>Keeps a page read at or after the time <paramref name="media"/>'s version was read.</summary>
    public void Keep(Media media, int take, IReadOnlyList<Comment> page)
    {
        if (_pages.Count >= MaxEntries)
        {
            _pages.Clear();
        }

        _pages[(media.Id, take)] = (media.Version, page);
    }
}

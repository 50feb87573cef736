using System.Collections.Concurrent;

namespace Pictograph.Data.Rows;

/// <summary>
/// Copies of media rows kept between requests, each valid for the <see cref="Media.Version"/> it was read at.
/// A grid page reads its keys and versions from the covering grid index and only the rows whose copy is
/// missing or older, so a page of 25 is one index range instead of 25 table lookups and 375 column reads.
/// The database raises the version on every update, so a copy is never served stale, whichever node wrote.
/// The copies are shared: nothing may change them.
/// </summary>
public sealed class MediaCache
{
    /// <summary>Copies kept at most (a few hundred bytes each); past it the cache starts over.</summary>
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<long, Media> _rows = new();

    public bool TryGet(long id, long version, out Media media)
    {
        if (_rows.TryGetValue(id, out var kept) && kept.Version == version)
        {
            media = kept;
            return true;
        }

        media = null!;
        return false;
    }

    public void Keep(Media media)
    {
        if (_rows.Count >= MaxEntries)
        {
            _rows.Clear();
        }

        _rows[media.Id] = media;
    }
}

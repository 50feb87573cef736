using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Pictograph.Data.Rows;

/// <summary>
/// Copies of what was read from the database, kept between requests, each for the version its source row had
/// when it was read (a number the database raises on every change, by triggers). A copy is served only to a
/// reader that sees the same version, so it is never stale, whichever process wrote. The copies are shared:
/// nothing may change them. Past <paramref name="maxEntries"/> the cache starts over.
/// </summary>
public class VersionedCopies<TKey, TValue>(int maxEntries)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (long Version, TValue Value)> _copies = new();

    public bool TryGet(TKey key, long version, [MaybeNullWhen(false)] out TValue value)
    {
        if (_copies.TryGetValue(key, out var kept) && kept.Version == version)
        {
            value = kept.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Drops every copy: after a restore, (id, version) pairs may come back with other content.</summary>
    public void Clear() => _copies.Clear();

    /// <summary>Keeps a copy read at or after the time <paramref name="version"/> was read.</summary>
    public void Keep(TKey key, long version, TValue value)
    {
        if (_copies.Count >= maxEntries)
        {
            _copies.Clear();
        }

        _copies[key] = (version, value);
    }
}

namespace Pictograph.Data.Rows;

/// <summary>
/// Copies of media rows kept for the <see cref="Media.Version"/> they were read at (at most 100,000, a few
/// hundred bytes each). A grid page reads its keys and versions from the covering grid index and only the rows
/// whose copy is missing or older, so a page of 25 is one index range instead of 25 table lookups and 375
/// column reads. The database raises the version on every update of the row.
/// </summary>
public sealed class MediaCache() : VersionedCopies<long, Media>(100_000);

namespace Pictograph.Data.Rows;

/// <summary>
/// The first page of each post's top-level comments (newest first, so many a page), keyed by post and page size
/// and kept for the post's <see cref="Media.Version"/>: triggers raise it on every insert, update or delete of
/// one of the post's comments. A nested expansion's level of comments then reads only the posts whose page is
/// missing or older.
/// </summary>
public sealed class CommentPages() : VersionedCopies<(long Media, int Take), IReadOnlyList<Comment>>(50_000);

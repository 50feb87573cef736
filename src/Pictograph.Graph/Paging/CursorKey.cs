namespace Pictograph.Graph.Paging;

/// <summary>
/// A keyset position in a connection: the item's sort key (two longs, e.g. time then id) and its
/// zero-based position in the whole list, which lets the engine apply caps such as "the 10,000 most
/// recent" without counting.
/// </summary>
public readonly record struct CursorKey(long Primary, long Secondary, int Position);

namespace Pictograph.Data;

/// <summary>
/// The type tag carried in the last two decimal digits of every id, so a request can be routed to its
/// node type without a lookup. Numbers are part of the id format: never renumber them.
/// </summary>
public enum NodeKind
{
    Account = 1,
    Media = 2,
    Comment = 3,
    App = 4,
    Container = 5,
    Hashtag = 6,
    Page = 7,
    FacebookUser = 8,
}

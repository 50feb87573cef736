using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.BasicDisplay;

/// <summary>The paging of Basic Display's media edge.</summary>
public static class BasicDisplayPaging
{
    /// <summary>25 a page by default, at most 100, and only the 10,000 most recent media reachable.</summary>
    public static readonly ConnectionOptions MediaEdge = new(DefaultLimit: 25, MaxLimit: 100, MaxItems: 10_000, TimeFilter: true);
}

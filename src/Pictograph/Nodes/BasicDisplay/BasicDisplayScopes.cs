using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.BasicDisplay;

/// <summary>Basic Display's two permissions and the paging of its media edge.</summary>
public static class BasicDisplayScopes
{
    public const string Profile = "user_profile";
    public const string Media = "user_media";

    /// <summary>25 a page by default, at most 100, and only the 10,000 most recent media reachable.</summary>
    public static readonly ConnectionOptions MediaEdge = new(DefaultLimit: 25, MaxLimit: 100, MaxItems: 10_000, TimeFilter: true);
}

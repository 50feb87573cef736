using Pictograph.Nodes.BasicDisplay;

namespace Pictograph.Auth;

/// <summary>The permissions this server knows how to grant.</summary>
public static class KnownScopes
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        BasicDisplayScopes.Profile,
        BasicDisplayScopes.Media,
    };
}

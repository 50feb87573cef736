using System.Text.RegularExpressions;
using Pictograph.Graph.Errors;

namespace Pictograph.Graph.Routing;

/// <summary>
/// A Graph request path: an optional version segment (<c>v21.0</c>), then a node (<c>me</c>, an id) and
/// optionally an edge. Repeated slashes are tolerated, as client libraries send them.
/// </summary>
public sealed partial record GraphPath(string? Version, string? Node, string? Edge)
{
    public const int MaxLength = 2048;

    public static GraphPath Parse(string path)
    {
        if (path.Length > MaxLength)
        {
            throw GraphErrors.UnknownPath(GraphErrors.Excerpt(path, 64));
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = 0;
        string? version = null;
        if (segments.Length > 0 && VersionPattern().IsMatch(segments[0]))
        {
            version = segments[0];
            at = 1;
        }

        var rest = segments.AsSpan(at);
        return rest.Length switch
        {
            0 => new GraphPath(version, null, null),
            1 => new GraphPath(version, rest[0], null),
            2 => new GraphPath(version, rest[0], rest[1]),
            _ => throw GraphErrors.UnknownPath("/" + string.Join('/', rest[1..].ToArray())),
        };
    }

    [GeneratedRegex(@"^v\d{1,2}\.\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}

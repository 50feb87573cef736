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

    /// <summary>Parses with every well-formed <c>vN.N</c> taken as a version.</summary>
    public static GraphPath Parse(string path) => Parse(path, WellFormed().IsMatch);

    /// <summary>
    /// Parses with <paramref name="isVersion"/> deciding which first segments are versions. A first segment that
    /// looks like a version attempt (<c>v99.0</c>, <c>v3</c>, <c>2.11</c>) but is not one is, as on Graph, a node
    /// followed by an unknown path: <c>/v99.0/me</c> is "Unknown path components: /me".
    /// </summary>
    public static GraphPath Parse(string path, Func<string, bool> isVersion)
    {
        ArgumentNullException.ThrowIfNull(isVersion);
        if (path.Length > MaxLength)
        {
            throw GraphErrors.UnknownPath(GraphErrors.Excerpt(path, 64));
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = 0;
        string? version = null;
        if (segments.Length > 0 && VersionLike().IsMatch(segments[0]))
        {
            if (isVersion(segments[0]))
            {
                version = segments[0];
                at = 1;
            }
            else if (segments.Length > 1)
            {
                throw GraphErrors.UnknownPath("/" + string.Join('/', segments[1..]));
            }
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
    private static partial Regex WellFormed();

    // "v" and digits with dots, or digits with at least one dot; a plain number is an id.
    [GeneratedRegex(@"^(v\d+(\.\d+)*|\d+(\.\d+)+)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLike();
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.GraphApi.Versions;

/// <summary>
/// The configured Graph API versions: which path segments are versions, and which version answers a call.
/// A version is one of the table released by now; an expired one is answered by the next version still
/// available, as Meta does (the <c>facebook-api-version</c> header and paging links name the one that answered).
/// </summary>
public sealed partial class ApiVersions
{
    private readonly TimeProvider _clock;
    private readonly List<Entry> _byRelease;
    private readonly Dictionary<string, int> _index;

    public ApiVersions(IOptions<PictographOptions> options, TimeProvider clock)
    {
        _clock = clock;
        var settings = options.Value;
        _byRelease = [.. settings.ApiVersions
            .Select(v => new Entry(v.Key, Midnight(v.Value.Released!.Value), v.Value.AvailableUntil is { } until ? Midnight(until) : null))
            .OrderBy(e => e.Released)];
        _index = _byRelease.Select((e, i) => (e.Name, i)).ToDictionary(e => e.Name, e => e.i, StringComparer.Ordinal);
        Default = settings.DefaultApiVersion;
    }

    /// <summary>The version of unversioned paths (<c>DefaultApiVersion</c>), before expiry is applied.</summary>
    public string Default { get; }

    /// <summary>
    /// Whether a path segment names a version: one of the table released by now, or the default whatever its
    /// release day (names are case-sensitive, like Graph's).
    /// </summary>
    public bool IsVersion(string segment) =>
        segment == Default || (_index.TryGetValue(segment, out var i) && _byRelease[i].Released <= _clock.GetUtcNow());

    /// <summary>
    /// The version that answers a call to <paramref name="requested"/> (a version of the table; null: the default):
    /// itself while available, else the next released one still available, else (everything expired) the newest released.
    /// </summary>
    public string Serve(string? requested)
    {
        var now = _clock.GetUtcNow();
        var start = _index[requested ?? Default];
        if (_byRelease[start].IsAvailable(now))
        {
            return _byRelease[start].Name;
        }

        var later = _byRelease.Skip(start + 1).Where(e => e.Released <= now).ToList();
        return (later.FirstOrDefault(e => e.IsAvailable(now)) ?? later.LastOrDefault() ?? _byRelease[start]).Name;
    }

    /// <summary>The problems of an <c>ApiVersions</c>/<c>DefaultApiVersion</c> configuration, for validation at start.</summary>
    public static IEnumerable<string> Problems(PictographOptions options)
    {
        if (options.ApiVersions.Count == 0)
        {
            yield return "ApiVersions must list at least one version";
        }

        foreach (var (name, setting) in options.ApiVersions)
        {
            if (!Name().IsMatch(name))
            {
                yield return $"ApiVersions: \"{name}\" is not a version name like v25.0";
            }

            if (setting.Released is null)
            {
                yield return $"ApiVersions:{name}:Released is required";
            }
            else if (setting.AvailableUntil <= setting.Released)
            {
                yield return $"ApiVersions:{name}:AvailableUntil must be after its release";
            }
        }

        if (!options.ApiVersions.Keys.Contains(options.DefaultApiVersion, StringComparer.Ordinal))
        {
            yield return $"DefaultApiVersion \"{options.DefaultApiVersion}\" is not one of ApiVersions";
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    // The shape the engine takes for a version attempt (see GraphPath), so a configured name is always routable.
    [GeneratedRegex(@"^v\d{1,2}\.\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    private sealed record Entry(string Name, DateTimeOffset Released, DateTimeOffset? AvailableUntil)
    {
        public bool IsAvailable(DateTimeOffset now) => AvailableUntil is not { } until || now < until;
    }
}

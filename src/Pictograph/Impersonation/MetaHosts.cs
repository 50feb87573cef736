namespace Pictograph.Impersonation;

/// <summary>The Meta hosts Pictograph answers as on its TLS listener, each serving what it serves at Meta.</summary>
public enum MetaHost
{
    /// <summary>graph.facebook.com: the Facebook Login graph, <c>debug_token</c>, <c>oauth/access_token</c>.</summary>
    GraphFacebook,

    /// <summary>graph-video.facebook.com: the same graph, where Meta's SDKs send video uploads.</summary>
    GraphVideo,

    /// <summary>graph.instagram.com: Basic Display and Instagram Login, <c>access_token</c>, <c>refresh_access_token</c>.</summary>
    GraphInstagram,

    /// <summary>api.instagram.com: the Instagram authorize dialog and code exchange, in its own error shape.</summary>
    ApiInstagram,

    /// <summary>www.instagram.com: permalinks and the Instagram authorize dialog.</summary>
    WwwInstagram,

    /// <summary>www.facebook.com: the Facebook Login dialog.</summary>
    WwwFacebook,

    /// <summary>rupload.facebook.com: resumable video uploads.</summary>
    Upload,

    /// <summary>scontent.cdninstagram.com: the media files that <c>media_url</c> and <c>thumbnail_url</c> point at.</summary>
    MediaCdn,
}

public static class MetaHosts
{
    private static readonly (MetaHost Host, string Name)[] Names =
    [
        (MetaHost.GraphFacebook, "graph.facebook.com"),
        (MetaHost.GraphVideo, "graph-video.facebook.com"),
        (MetaHost.GraphInstagram, "graph.instagram.com"),
        (MetaHost.ApiInstagram, "api.instagram.com"),
        (MetaHost.WwwInstagram, "www.instagram.com"),
        (MetaHost.WwwFacebook, "www.facebook.com"),
        (MetaHost.Upload, "rupload.facebook.com"),
        (MetaHost.MediaCdn, "scontent.cdninstagram.com"),
    ];

    private static readonly Dictionary<string, MetaHost> ByName = Names.ToDictionary(n => n.Name, n => n.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every host name answered, in a stable order (certificates, the hosts-file line).</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The graph hosts: the Graph endpoint answers on these (and unknown paths there get its errors).</summary>
    public static IReadOnlyList<MetaHost> Graphs { get; } = [MetaHost.GraphFacebook, MetaHost.GraphVideo, MetaHost.GraphInstagram];

    public static string NameOf(MetaHost host) => Names.First(n => n.Host == host).Name;

    public static bool TryFind(string? name, out MetaHost host) => ByName.TryGetValue(name ?? "", out host);

    /// <summary>graph.facebook.com and graph-video.facebook.com answer alike.</summary>
    public static bool IsFacebookGraph(this MetaHost host) => host is MetaHost.GraphFacebook or MetaHost.GraphVideo;
}

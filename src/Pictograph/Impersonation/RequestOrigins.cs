using Pictograph.Hosting;

namespace Pictograph.Impersonation;

/// <summary>
/// Where the absolute URLs of one answer point: its own host (paging, dialogs), media files, permalinks and
/// resumable uploads. On the plain listener all four are the request's origin (or the configured public
/// base URL); on the TLS listener each is the Meta host that serves it, with the scheme and port the client used.
/// </summary>
public sealed record RequestOrigins(string Self, string Media, string Permalink, string Upload)
{
    public static RequestOrigins For(HttpRequest request, PictographOptions options)
    {
        if (request.HttpContext.MetaHostOf() is not { } host)
        {
            var origin = options.OriginFor(request);
            return new RequestOrigins(origin, origin, origin, origin);
        }

        var port = request.Host.Port is { } p and not 443 ? $":{p}" : "";
        string On(MetaHost meta) => $"https://{MetaHosts.NameOf(meta)}{port}";
        return new RequestOrigins(On(host), On(MetaHost.MediaCdn), On(MetaHost.WwwInstagram), On(MetaHost.Upload));
    }
}

using System.Globalization;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Web;
using Pictograph.Impersonation;

namespace Pictograph.Media;

public static class MediaEndpoints
{
    private const string EmbeddedParameter = "_nc_view";

    /// <summary>Marks a media URL embedded in a page that records its own view, so one visit counts once.</summary>
    public const string EmbeddedMarker = EmbeddedParameter + "=0";

    /// <summary>Maps <c>GET|HEAD /media/{key}?oe=…&amp;oh=…</c>, the emulated CDN.</summary>
    public static IEndpointRouteBuilder MapMediaFiles(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription().ServedOn(MetaHost.MediaCdn);
        return app;
    }

    private static async Task<IResult> ServeAsync(
        HttpContext context, MediaUrlSigner signer, IMediaStore store, TimeProvider timeProvider, InsightRecorder insights, CancellationToken cancellationToken)
    {
        // Read by hand rather than bound so that no path or query can fail binding;
        // repeated parameters join with commas and so read as malformed.
        var key = context.Request.RouteValues["key"] as string ?? "";
        var oe = context.Request.Query["oe"].ToString();
        var oh = context.Request.Query["oh"].ToString();

        // Plain-text 403s with one-line bodies, like Instagram's CDN.
        var check = signer.Verify(key, oe, oh);
        if (check != MediaUrlCheck.Valid)
        {
            var message = check switch
            {
                MediaUrlCheck.Expired => "URL signature expired",
                MediaUrlCheck.BadSignature => "URL signature mismatch",
                MediaUrlCheck.Missing => "Missing URL signature",
                _ => "Bad URL signature",
            };
            return Results.Text(message, "text/plain", statusCode: StatusCodes.Status403Forbidden);
        }

        var media = await store.OpenAsync(key, cancellationToken);
        if (media is null)
        {
            return Results.Text("Not found", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        RecordView(context, key, insights);

        // Caches may keep the bytes only as long as the URL itself stays valid.
        MediaUrlSigner.TryParseExpiry(oe, out var expires);
        var maxAge = Math.Max(0, (long)(expires - timeProvider.GetUtcNow()).TotalSeconds);
        context.Response.Headers.CacheControl = "public, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.XContentTypeOptions = "nosniff";

        return TypedResults.Stream(media.Content, media.ContentType, lastModified: media.LastModified, enableRangeProcessing: true);
    }

    /// <summary>
    /// A GET of a media item's file is a view of it: keys are named after the media id
    /// (<see cref="MediaKey.For"/>), so no lookup is needed here. A video fetched in ranges counts once,
    /// for the request that starts at byte 0; profile pictures (account ids) count nothing.
    /// </summary>
    private static void RecordView(HttpContext context, string key, InsightRecorder insights)
    {
        var range = context.Request.Headers.Range.ToString();
        if (!HttpMethods.IsGet(context.Request.Method) || (range.Length > 0 && !range.StartsWith("bytes=0-", StringComparison.Ordinal))
            || context.Request.Query.ContainsKey(EmbeddedParameter))
        {
            return;
        }

        var name = key[(key.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (long.TryParse(dot < 0 ? name : name[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && NodeIds.KindOf(id) == NodeKind.Media)
        {
            insights.RecordView(id, Sessions.AccountId(context), context.Connection.RemoteIpAddress);
        }
    }
}

using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Insights;
using Pictograph.Media;
using Pictograph.Web;
using Pictograph.Impersonation;

namespace Pictograph.Permalinks;

/// <summary>
/// The public pages that <c>permalink</c> points at (<c>/p/{shortcode}/</c>, <c>/reel/{shortcode}/</c>), so
/// a permalink opened in a browser shows the post, as instagram.com does.
/// </summary>
public static class PermalinkEndpoints
{
    private const string Throttle = "permalinks";

    /// <summary>Page requests are throttled per client address (<see cref="PictographOptions.PermalinkRequestsPerMinute"/>), as a web server in front of them would.</summary>
    public static IServiceCollection AddPermalinks(this IServiceCollection services) =>
        services.AddRateLimiter(limiter => limiter.AddPolicy(Throttle, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = http.RequestServices.GetRequiredService<IOptions<PictographOptions>>().Value.PermalinkRequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));

    public static IEndpointRouteBuilder MapPermalinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{shortcode}/", ShowAsync).RequireRateLimiting(Throttle).ServedOn(MetaHost.WwwInstagram);
        app.MapGet("/reel/{shortcode}/", ShowAsync).RequireRateLimiting(Throttle).ServedOn(MetaHost.WwwInstagram);
        return app;
    }

    private static async Task<IResult> ShowAsync(string shortcode, HttpContext http, PictographDb db, MediaUrlSigner signer, IOptions<PictographOptions> options, InsightRecorder insights)
    {
        var post = shortcode.Length <= 16
            ? await db.Media.AsNoTracking()
                .Where(m => m.Shortcode == shortcode && m.ProductType != MediaProductType.Story)
                .Join(db.Accounts, m => m.OwnerId, a => a.Id, (m, a) => new { Media = m, a.Username })
                .SingleOrDefaultAsync(http.RequestAborted)
            : null;
        if (post is null)
        {
            return HtmlPage.Result("Page not found", "<p>Sorry, this page isn't available.</p>", StatusCodes.Status404NotFound);
        }

        // A view of the post, by the signed-in visitor when there is one; the picture below is marked so it does not count again.
        insights.RecordView(post.Media.Id, Sessions.AccountId(http), http.Connection.RemoteIpAddress);
        var origin = RequestOrigins.For(http.Request, options.Value).Media;
        var html = HtmlEncoder.Default;
        var media = post.Media;
        var file = media.MediaType == MediaType.Video ? media.ThumbnailKey : media.FileKey;
        var picture = file is null ? "" : $"<img src=\"{html.Encode(signer.Sign(origin, file) + "&" + MediaEndpoints.EmbeddedMarker)}\" alt=\"\" style=\"max-width:100%\">";
        var body = $"<p><strong>{html.Encode(post.Username)}</strong></p>{picture}<p>{html.Encode(media.Caption ?? "")}</p>"
            + $"<p><time datetime=\"{DateTimeOffset.FromUnixTimeSeconds(media.CreatedAt):O}\">{DateTimeOffset.FromUnixTimeSeconds(media.CreatedAt):yyyy-MM-dd}</time></p>";
        // The shared layout: it forbids framing and scripts, as the other pages do.
        return HtmlPage.Result($"{post.Username} on Pictograph", body);
    }
}

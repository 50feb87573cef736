using Pictograph.Web;

namespace Pictograph.Impersonation;

/// <summary>
/// What each non-graph Meta host answers for a path it does not have (the graph hosts' unknown paths go to
/// the Graph endpoint, which answers with the Graph error for an unknown object, as graph.facebook.com does).
/// </summary>
public static class HostFallbacks
{
    public static IEndpointRouteBuilder MapHostFallbacks(this IEndpointRouteBuilder app)
    {
        Map(app, [MetaHost.WwwInstagram, MetaHost.WwwFacebook], _ =>
            HtmlPage.Result("Page not found", "<p>Sorry, this page isn't available.</p>", StatusCodes.Status404NotFound));
        Map(app, [MetaHost.ApiInstagram], http => Results.Json(
            new Dictionary<string, object>
            {
                ["error_type"] = "OAuthException",
                ["code"] = StatusCodes.Status404NotFound,
                ["error_message"] = $"Unsupported request: {http.Request.Method} {http.Request.Path} is not an endpoint of api.instagram.com",
            },
            statusCode: StatusCodes.Status404NotFound));
        Map(app, [MetaHost.Upload], http => Results.Json(
            new { debug_info = new { retriable = false, type = "NotFoundError", message = $"No upload endpoint at {http.Request.Path}" } },
            statusCode: StatusCodes.Status404NotFound));
        Map(app, [MetaHost.MediaCdn], _ => Results.Text("Not found", statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, MetaHost[] hosts, Func<HttpContext, IResult> answer) =>
        app.MapFallback("/{**path}", (Delegate)answer).WithMetadata(new ServedOnMetadata(hosts, onPlainListener: false));
}

using System.Text.RegularExpressions;

namespace Pictograph.Web;

/// <summary>
/// Collapses runs of slashes in the request path (<c>/v21.0//oauth/access_token</c>), as Graph does: client
/// libraries join a base URL ending in "/" with a path starting with one. Runs before routing, so every
/// endpoint (token endpoints, dialogs, media, permalinks, dashboard) sees the one-slash path; the query is
/// left as sent.
/// </summary>
public static partial class SingleSlashes
{
    public static IApplicationBuilder UseSingleSlashes(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.Value is { } path && path.Contains("//", StringComparison.Ordinal))
            {
                http.Request.Path = new PathString(Repeated().Replace(path, "/"));
            }

            return next(http);
        });

    [GeneratedRegex("/{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Repeated();
}

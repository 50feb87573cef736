using System.Net;
using System.Text;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>
/// Redirects back to an app. Only ever called with a redirect_uri that exactly matches one the app
/// registered, so the dialog cannot be used as an open redirect.
/// </summary>
public static class OAuthRedirect
{
    /// <summary>
    /// The redirect_uri with the parameters (then <c>state</c>) appended to its own query, form-encoded
    /// as Instagram and Facebook write them ("The+user+denied+your+request"), then the fragment.
    /// </summary>
    public static string Url(string redirectUri, IEnumerable<KeyValuePair<string, string>> parameters, string? state, string fragment = "")
    {
        var url = new StringBuilder(redirectUri);
        var separator = !redirectUri.Contains('?', StringComparison.Ordinal) ? "?" : redirectUri[^1] is '?' or '&' ? "" : "&";
        foreach (var (name, value) in state is null ? parameters : parameters.Append(new("state", state)))
        {
            url.Append(separator).Append(name).Append('=').Append(WebUtility.UrlEncode(value));
            separator = "&";
        }

        return url.Append(fragment).ToString();
    }

    public static IResult To(string redirectUri, IEnumerable<KeyValuePair<string, string>> parameters, string? state, string fragment = "") =>
        new NoStoreRedirect(Url(redirectUri, parameters, state, fragment));

    /// <summary>Whether a registered redirect URI may be redirected to at all: absolute http(s), no fragment.</summary>
    public static bool IsUsable(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !redirectUri.Contains('#', StringComparison.Ordinal);

    // A redirect that carries a code must not be kept by any cache.
    private sealed class NoStoreRedirect(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Redirect(url);
            return Task.CompletedTask;
        }
    }
}

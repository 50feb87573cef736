using Pictograph.Auth;
using Pictograph.Impersonation;

namespace Pictograph.GraphApi;

/// <summary>Who is calling and from where, for the node loaders of one request (a scoped service).</summary>
public sealed class GraphCaller
{
    private TokenInfo? _token;

    public TokenInfo Token => _token ?? throw new InvalidOperationException("The caller is not authenticated yet.");

    /// <summary>Origins for absolute URLs (paging, media, permalinks, uploads), without a trailing slash.</summary>
    public RequestOrigins Origins { get; private set; } = new("", "", "", "");

    public void Set(TokenInfo token, RequestOrigins origins)
    {
        _token = token;
        Origins = origins;
    }
}

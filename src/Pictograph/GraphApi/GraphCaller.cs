using Pictograph.Auth;

namespace Pictograph.GraphApi;

/// <summary>Who is calling and from where, for the node loaders of one request (a scoped service).</summary>
public sealed class GraphCaller
{
    private TokenInfo? _token;

    public TokenInfo Token => _token ?? throw new InvalidOperationException("The caller is not authenticated yet.");

    /// <summary>Origin for absolute URLs (media, permalinks, paging), without a trailing slash.</summary>
    public string Origin { get; private set; } = "";

    public void Set(TokenInfo token, string origin)
    {
        _token = token;
        Origin = origin;
    }
}

using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Nodes.BasicDisplay;

namespace Pictograph.Nodes;

/// <summary>
/// Every node type, built once. Which one an id means depends on its kind (from the id itself) and on
/// the API the token speaks.
/// </summary>
public sealed class InstagramSchema
{
    private readonly NodeType<Account> _basicDisplayUser;
    private readonly NodeType<Data.Media> _basicDisplayMedia;

    public InstagramSchema()
    {
        _basicDisplayMedia = BasicDisplayMedia.Create();
        _basicDisplayUser = BasicDisplayUser.Create(_basicDisplayMedia);
    }

    public NodeType? Resolve(NodeKind kind, TokenInfo token) => (kind, token.Flavour) switch
    {
        (NodeKind.Account, TokenFlavour.BasicDisplay) => _basicDisplayUser,
        (NodeKind.Media, TokenFlavour.BasicDisplay) => _basicDisplayMedia,
        _ => null,
    };
}

using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Insights;
using Pictograph.Nodes.BasicDisplay;
using Pictograph.Nodes.Facebook;
using Pictograph.Nodes.Instagram;
using Pictograph.Publishing;
using Pictograph.Webhooks;

namespace Pictograph.Nodes;

/// <summary>
/// Every node type, built once. Which one an id means depends on its kind (from the id itself) and on
/// the API the token speaks: an account is a Basic Display "User", an Instagram Login "User" or a
/// Facebook Login "IGUser"; Facebook users and Pages exist only for Facebook Login tokens.
/// </summary>
public sealed class InstagramSchema
{
    private readonly NodeType<Account> _basicDisplayUser;
    private readonly NodeType<Data.Media> _basicDisplayMedia;
    private readonly NodeType<Account> _instagramLoginUser;
    private readonly NodeType<Data.Media> _instagramLoginMedia;
    private readonly NodeType<Account> _igUser;
    private readonly NodeType<Data.Media> _igMedia;
    private readonly NodeType<Comment> _instagramLoginComment;
    private readonly NodeType<Comment> _igComment;
    private readonly NodeType<FacebookUser> _facebookUser;
    private readonly NodeType<ManagedPage> _page;
    private readonly NodeType<Hashtag> _hashtag;
    private readonly NodeType<ContainerView> _igContainer;
    private readonly NodeType<ContainerView> _instagramLoginContainer;
    private readonly NodeType<App> _app = AppNode.Create();

    public InstagramSchema()
    {
        _basicDisplayMedia = BasicDisplayMedia.Create();
        _basicDisplayUser = BasicDisplayUser.Create(_basicDisplayMedia);

        // Users and media refer to each other (media edge, owner): the edge is added once both exist.
        _instagramLoginUser = InstagramLoginUser.Create();
        _instagramLoginMedia = InstagramLoginMedia.Create(_instagramLoginUser);
        _instagramLoginUser.WithMediaEdge(_instagramLoginMedia);
        _instagramLoginComment = InstagramLoginComment.Create(_instagramLoginMedia);

        _igUser = IGUser.Create();
        _igMedia = IGMedia.Create(_igUser);
        _igUser.WithMediaEdge(_igMedia);
        _hashtag = IGHashtag.Create();
        _igUser.WithRecentlySearchedHashtags(_hashtag)
            .WithBusinessDiscovery()
            .WithMentions();
        _instagramLoginUser.WithMentions();

        // Publishing, insights and webhooks: both professional flavours.
        _igUser.WithPublishing().WithAccountInsights().WithSubscribedApps();
        _instagramLoginUser.WithPublishing().WithAccountInsights().WithSubscribedApps();
        _igMedia.WithMediaInsights();
        _instagramLoginMedia.WithMediaInsights();
        _igContainer = ContainerNode.Create("ShadowIGMediaBuilder");
        _instagramLoginContainer = ContainerNode.Create("IGContainer");
        _igComment = IGComment.Create(_igMedia);
        _page = FacebookPage.Create(_igUser);
        _facebookUser = FacebookLoginUser.Create(_page);
    }

    /// <summary>
    /// The node types Meta's specs describe, by spec name, in the order the coverage table lists them
    /// (see Coverage/ and docs/coverage.md).
    /// </summary>
    public IReadOnlyList<SpecMapping> SpecTypes =>
    [
        new("IGUser", _igUser, FacebookLogin: true),
        new("IGMedia", _igMedia, FacebookLogin: true),
        new("IGComment", _igComment, FacebookLogin: true),
        new("ShadowIGHashtag", _hashtag, FacebookLogin: true),
        new("ShadowIGMediaBuilder", _igContainer, FacebookLogin: true),
        new("IGUserForIGOnlyAPI", _instagramLoginUser, FacebookLogin: false),
        new("IGMediaForIGOnlyAPI", _instagramLoginMedia, FacebookLogin: false),
    ];

    public NodeType? Resolve(NodeKind kind, TokenInfo token) => (kind, token.Flavour) switch
    {
        (NodeKind.Account, TokenFlavour.BasicDisplay) => _basicDisplayUser,
        (NodeKind.Media, TokenFlavour.BasicDisplay) => _basicDisplayMedia,
        (NodeKind.Account, TokenFlavour.InstagramLogin) => _instagramLoginUser,
        (NodeKind.Media, TokenFlavour.InstagramLogin) => _instagramLoginMedia,
        (NodeKind.Account, TokenFlavour.Facebook) => _igUser,
        (NodeKind.Media, TokenFlavour.Facebook) => _igMedia,
        (NodeKind.Comment, TokenFlavour.InstagramLogin) => _instagramLoginComment,
        (NodeKind.Comment, TokenFlavour.Facebook) => _igComment,
        (NodeKind.FacebookUser, TokenFlavour.Facebook) => _facebookUser,
        (NodeKind.Page, TokenFlavour.Facebook) => _page,
        (NodeKind.Hashtag, TokenFlavour.Facebook) => _hashtag,
        (NodeKind.Container, TokenFlavour.Facebook) => _igContainer,
        (NodeKind.Container, TokenFlavour.InstagramLogin) => _instagramLoginContainer,
        // An app's own node (its webhook subscriptions), for its app token only.
        (NodeKind.App, _) when token.Kind == TokenKind.App => _app,
        _ => null,
    };
}

/// <summary>Which of our node types serves a spec type of Meta's, and through which login.</summary>
public sealed record SpecMapping(string Spec, NodeType Type, bool FacebookLogin);

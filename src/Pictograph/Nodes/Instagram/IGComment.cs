using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Nodes.Facebook;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// "IGComment", a comment on media of the professional accounts a Facebook Login caller reaches through its
/// Pages (spec IGComment; <c>from</c> is IGCommentFromUser).
/// </summary>
public static class IGComment
{
    public static readonly CommentFlavour Flavour = new(
        "IGComment",
        Permissions.InstagramBasic,
        Permissions.InstagramManageComments,
        context => ManagedAssets.Media(context.Db(), context.Caller().Token));

    /// <summary>Builds the node type and adds the <c>comments</c> edge to <paramref name="media"/> (IGMedia).</summary>
    public static NodeType<Comment> Create(NodeType<Data.Media> media) => CommentNodes.Create(Flavour, media);
}

using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// A comment as the API with Instagram Login serves it: on the token owner's own media. Named "Comment",
/// the type IGMediaForIGOnlyAPI's <c>comments</c> edge returns, as its media and users are "Media" and "User"
/// (the reply and hide operations, specced on IGComment, are served on the same type).
/// </summary>
public static class InstagramLoginComment
{
    public static readonly CommentFlavour Flavour = new(
        "Comment",
        Permissions.BusinessBasic,
        Permissions.BusinessManageComments,
        context =>
        {
            var self = context.Caller().Token.SubjectId;
            return context.Db().Media.Where(m => m.OwnerId == self && m.ProductType != MediaProductType.Story);
        });

    /// <summary>Builds the node type and adds the <c>comments</c> edge to <paramref name="media"/> (Media).</summary>
    public static NodeType<Comment> Create(NodeType<Data.Media> media) => CommentNodes.Create(Flavour, media);
}

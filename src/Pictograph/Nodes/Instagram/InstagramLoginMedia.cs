using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Publishing;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// Media as the API with Instagram Login serves it: the token owner's own, stories aside. Its spec
/// (IGMediaForIGOnlyAPI) reads as type "Media", the name used in errors.
/// </summary>
public static class InstagramLoginMedia
{
    public static NodeType<Data.Media> Create(NodeType<Account> owner) =>
        new NodeType<Data.Media>("Media", m => m.Id)
            .Requires(Permissions.BusinessBasic)
            .LoadedBy(OwnAssets.ProfessionalMediaAsync)
            .WithMediaFields(owner)
            .WithEngagementFields(Permissions.BusinessManageComments)
            .OnDelete(null, (media, _, _) => throw MediaDeletion.Unsupported(media));
}

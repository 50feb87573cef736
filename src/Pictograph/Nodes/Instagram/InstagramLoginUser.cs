using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Publishing;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// The professional account as the API with Instagram Login serves it (<c>/me</c> on graph.instagram.com):
/// only the token's own account. Its spec (IGUserForIGOnlyAPI) reads as type "User", the name used in errors.
/// </summary>
public static class InstagramLoginUser
{
    /// <summary>The node without its media edge, which needs the media type, whose owner needs this: see <see cref="ProfessionalFields.WithMediaEdge"/>.</summary>
    public static NodeType<Account> Create() =>
        new NodeType<Account>("User", a => a.Id)
            .Requires(Permissions.BusinessBasic)
            .LoadedBy(OwnAssets.AccountsAsync)
            .String("account_type", a => MediaLinks.AccountTypeName(a.AccountType))
            // The id webhooks put in entry.id; one id per account here, so the same one. An int in Meta's spec but a
            // string in captured answers, as every 17-digit id must be for JavaScript.
            .IdString("user_id", a => a.Id)
            .WithProfileFields()
            .WithNotYet(UserEdges.InstagramLoginNotYet)
            // Meta's spec spells media_publish so on this type; both spellings publish.
            .OnPost("mediapublish", MediaPublishing.PublishAsync, [Permissions.BusinessContentPublish])
            .OnDelete("permissions", PermissionsEdge.Revoke<Account>(a => a.Id));
}

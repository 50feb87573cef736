using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.Facebook;

/// <summary>
/// The Facebook "User" behind a Facebook Login user token (<c>/me</c>): only the token's own user. Its
/// <c>accounts</c> edge lists the Pages the user has a role on, each with a fresh Page token.
/// </summary>
public static class FacebookLoginUser
{
    // No permission for the node itself: public_profile (id, name) comes with every Facebook Login grant.
    public static NodeType<FacebookUser> Create(NodeType<ManagedPage> page) =>
        new NodeType<FacebookUser>("User", u => u.Id)
            .LoadedBy(LoadAsync)
            .Defaults("name", "id")
            .String("email", u => u.Email, requires: ["email"])
            .String("name", u => u.Name)
            .Connection("accounts", page, FacebookPage.OfUsersAsync, p => (p.Page.Id, p.Page.Id), FacebookPage.AccountsEdge, requires: [Permissions.PagesShowList])
            .OnDelete("permissions", PermissionsEdge.Revoke<FacebookUser>(u => u.Id));

    private static async Task<IReadOnlyDictionary<long, FacebookUser>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        // Page and app tokens have a Page or an app as subject, so they reach no user.
        var self = context.Caller().Token.SubjectId;
        return await context.Db().FacebookUsers.AsNoTracking()
            .Where(u => u.Id == self && ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}

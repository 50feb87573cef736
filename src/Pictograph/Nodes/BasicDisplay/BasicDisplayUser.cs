using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.BasicDisplay;

/// <summary>The Basic Display "User": the token's own account, nothing else.</summary>
public static class BasicDisplayUser
{
    public static NodeType<Account> Create(NodeType<Data.Media> media) =>
        new NodeType<Account>("User", a => a.Id)
            .Requires(Permissions.UserProfile)
            .LoadedBy(OwnAssets.AccountsAsync)
            .String("account_type", a => MediaLinks.AccountTypeName(a.AccountType))
            .Batched<long>("media_count", MediaQueries.GridCountsAsync, (w, n) => w.WriteNumberValue(n), requires: [Permissions.UserMedia])
            .String("username", a => a.Username)
            .Connection("media", media, MediaQueries.GridOf, m => (m.CreatedAt, m.Id), MediaQueries.GridEdge, requires: [Permissions.UserMedia])
            .OnDelete("permissions", PermissionsEdge.Revoke<Account>(a => a.Id));
}

using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.BasicDisplay;

/// <summary>The Basic Display "User": the token's own account, nothing else.</summary>
public static class BasicDisplayUser
{
    public static NodeType<Account> Create(NodeType<Data.Media> media) =>
        new NodeType<Account>("User", a => a.Id)
            .Requires(Permissions.UserProfile)
            .LoadedBy(LoadAsync)
            .String("account_type", a => MediaLinks.AccountTypeName(a.AccountType))
            .Batched<long>("media_count", MediaQueries.GridCountsAsync, (w, n) => w.WriteNumberValue(n), requires: [Permissions.UserMedia])
            .String("username", a => a.Username)
            .Connection("media", media, MediaQueries.GridOf, m => (m.CreatedAt, m.Id), MediaQueries.GridEdge, requires: [Permissions.UserMedia])
            .OnDelete("permissions", PermissionsEdge.Revoke<Account>(a => a.Id));

    private static async Task<IReadOnlyDictionary<long, Account>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        return await context.Db().Accounts.AsNoTracking()
            .Where(a => a.Id == self && ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}

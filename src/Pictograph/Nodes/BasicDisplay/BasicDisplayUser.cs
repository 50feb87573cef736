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
            .Batched<long>("media_count", CountMediaAsync, (w, n) => w.WriteNumberValue(n), requires: [Permissions.UserMedia])
            .String("username", a => a.Username)
            .Connection("media", media, MediaQueries.GridOf, m => (m.CreatedAt, m.Id), BasicDisplayPaging.MediaEdge, requires: [Permissions.UserMedia]);

    private static async Task<IReadOnlyDictionary<long, Account>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        return await context.Db().Accounts.AsNoTracking()
            .Where(a => a.Id == self && ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<long>> CountMediaAsync(IReadOnlyList<Account> accounts, GraphContext context)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var counts = await context.Db().Media
            .Where(m => ids.Contains(m.OwnerId) && m.InGrid)
            .GroupBy(m => m.OwnerId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. accounts.Select(a => counts.GetValueOrDefault(a.Id))];
    }
}

using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;

namespace Pictograph.Nodes;

/// <summary>
/// What an Instagram token (Basic Display, Instagram Login) reaches: its own account and that account's
/// media, stories excepted (they are read through the stories edge).
/// </summary>
public static class OwnAssets
{
    public static async Task<IReadOnlyDictionary<long, Account>> AccountsAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        return await context.Db().Accounts.AsNoTracking()
            .Where(a => a.Id == self && ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }

    public static async Task<IReadOnlyDictionary<long, Data.Media>> MediaAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        return await context.Db().Media.AsNoTracking()
            .Where(m => m.OwnerId == self && ids.Contains(m.Id) && m.ProductType != MediaProductType.Story)
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}

using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;

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
            .LoadedBy(LoadAsync)
            .WithMediaFields(owner)
            .WithEngagementFields(Permissions.BusinessManageComments);

    private static async Task<IReadOnlyDictionary<long, Data.Media>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        return await context.Db().Media.AsNoTracking()
            .Where(m => m.OwnerId == self && ids.Contains(m.Id) && m.ProductType != MediaProductType.Story)
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}

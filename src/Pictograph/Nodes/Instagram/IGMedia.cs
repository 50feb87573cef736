using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;
using Pictograph.Nodes.Facebook;
using Pictograph.Publishing;

namespace Pictograph.Nodes.Instagram;

/// <summary>"IGMedia", media of the professional accounts a Facebook Login caller reaches through its Pages.</summary>
public static class IGMedia
{
    public static NodeType<Data.Media> Create(NodeType<Data.Account> owner) =>
        new NodeType<Data.Media>("IGMedia", m => m.Id)
            .Requires(Permissions.InstagramBasic)
            .LoadedBy(LoadAsync)
            .WithMediaFields(owner)
            .WithEngagementFields(Permissions.InstagramManageComments)
            .OnDelete(null, (media, _, context) => MediaDeletion.DeleteAsync(media, context), [Permissions.InstagramManageContents]);

    private static async Task<IReadOnlyDictionary<long, Data.Media>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var found = await ManagedAssets.MediaById(context.Db(), context.Caller().Token, context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds()).AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
        OwnAssets.ReportStoryExpiry(found.Values, context);
        return found;
    }
}

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

    /// <summary>
    /// Media of the accounts the caller reaches (<see cref="ManagedAssets.ReachesById"/>, and an owner linked to one of the caller's Pages), as direct reads: the
    /// rows by id, then each distinct owner checked once. A write to a post (a comment, a hide) starts here.
    /// </summary>
    private static async Task<IReadOnlyDictionary<long, Data.Media>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var rows = await context.Rows().MediaAsync(ids, context.CancellationToken).ConfigureAwait(false);
        var reached = new Dictionary<long, bool>();
        var found = new Dictionary<long, Data.Media>();
        foreach (var media in rows)
        {
            if (!ManagedAssets.ReachesById(media, now))
            {
                continue;
            }

            if (!reached.TryGetValue(media.OwnerId, out var owner))
            {
                reached[media.OwnerId] = owner = await ManagedAssets.AccountByIdAsync(context, media.OwnerId).ConfigureAwait(false) is not null;
            }

            if (owner)
            {
                found[media.Id] = media;
            }
        }

        OwnAssets.ReportStoryExpiry(found.Values, context);
        return found;
    }
}

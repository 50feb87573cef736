using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;
using Pictograph.Nodes;
using Pictograph.Nodes.Facebook;

namespace Pictograph.Publishing;

/// <summary>
/// A media container as <c>GET /{container-id}</c> reads it ("ShadowIGMediaBuilder" with Facebook Login,
/// "IGContainer" with Instagram Login): <c>id</c>, <c>status</c>, <c>status_code</c>, <c>copyright_check_status</c>,
/// and with Facebook Login <c>video_status</c>.
/// Only containers of accounts the caller may publish to are found.
/// </summary>
public static class ContainerNode
{
    public static NodeType<ContainerView> Create(string name)
    {
        var facebook = name == "ShadowIGMediaBuilder";
        var node = new NodeType<ContainerView>(name, v => v.Container.Id)
            .Requires(facebook ? Permissions.InstagramContentPublish : Permissions.BusinessContentPublish)
            .LoadedBy(LoadAsync)
            .String("status_code", v => v.Code)
            .String("status", v => v.Description)
            .Value("copyright_check_status", CopyrightCheck, (w, status) =>
            {
                w.WriteStartObject();
                w.WriteString("status", status);
                w.WriteBoolean("matches_found", false);
                w.WriteEndObject();
            });
        // Resumable uploads are Facebook Login's; so is the field that follows them.
        return facebook ? node.Value("video_status", v => VideoStatus.Of(v.Container), VideoStatus.Write) : node;
    }

    /// <summary>Videos are checked for copyrighted audio while processing; nothing here ever matches.</summary>
    private static string? CopyrightCheck(ContainerView view) =>
        !view.Container.IsVideo ? null : view.Status switch
        {
            ContainerStatus.InProgress => "in_progress",
            ContainerStatus.Error => "error",
            _ => "completed",
        };

    private static async Task<IReadOnlyDictionary<long, ContainerView>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var db = context.Db();
        var token = context.Caller().Token;
        var containers = db.Containers.AsNoTracking().Where(c => ids.Contains(c.Id));
        containers = token.Flavour == TokenFlavour.Facebook
            ? containers.Where(c => ManagedAssets.Accounts(db, token).Any(a => a.Id == c.OwnerId))
            : containers.Where(c => c.OwnerId == token.SubjectId);
        var found = await containers.ToListAsync(context.CancellationToken).ConfigureAwait(false);
        var now = context.Now().ToUnixTimeSeconds();
        var views = await ContainerView.ForAsync(found, db, now, context.CancellationToken).ConfigureAwait(false);
        return views.ToDictionary(v => v.Container.Id);
    }
}

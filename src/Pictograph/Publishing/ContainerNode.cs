using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;
using Pictograph.Nodes;
using Pictograph.Nodes.Facebook;

namespace Pictograph.Publishing;

/// <summary>A media container as <c>GET /{container-id}</c> reads it: id, status, status_code.</summary>
public static class ContainerNode
{
    public static NodeType<MediaContainer> Create(string name) =>
        new NodeType<MediaContainer>(name, c => c.Id)
            .LoadedBy(LoadAsync);

    private static async Task<IReadOnlyDictionary<long, MediaContainer>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var db = context.Db();
        var token = context.Caller().Token;
        var containers = db.Containers.AsNoTracking().Where(c => ids.Contains(c.Id));
        containers = token.Flavour == TokenFlavour.Facebook
            ? containers.Where(c => ManagedAssets.Accounts(db, token).Any(a => a.Id == c.OwnerId))
            : containers.Where(c => c.OwnerId == token.SubjectId);
        return await containers
            .ToDictionaryAsync(c => c.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}

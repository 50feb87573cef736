using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.GraphApi;

namespace Pictograph.Nodes;

/// <summary>The request-scoped services node loaders use.</summary>
public static class GraphContextExtensions
{
    public static PictographDb Db(this GraphContext context) => context.Services.GetRequiredService<PictographDb>();

    public static GraphCaller Caller(this GraphContext context) => context.Services.GetRequiredService<GraphCaller>();

    public static MediaLinks Links(this GraphContext context) => context.Services.GetRequiredService<MediaLinks>();
}

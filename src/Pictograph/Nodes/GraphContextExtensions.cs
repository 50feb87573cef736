using Pictograph.Data;
using Pictograph.Data.Connections;
using Pictograph.Graph.Execution;
using Pictograph.GraphApi;

namespace Pictograph.Nodes;

/// <summary>The request-scoped services node loaders use.</summary>
public static class GraphContextExtensions
{
    public static PictographDb Db(this GraphContext context) => context.Services.GetRequiredService<PictographDb>();

    /// <summary>The request's borrowed connection, for direct reads (<see cref="PreparedConnection.Query{T}"/>).</summary>
    public static PreparedConnection Connection(this GraphContext context) => context.Services.GetRequiredService<ConnectionLease>().Connection;

    public static GraphCaller Caller(this GraphContext context) => context.Services.GetRequiredService<GraphCaller>();

    public static MediaLinks Links(this GraphContext context) => context.Services.GetRequiredService<MediaLinks>();

    /// <summary>
    /// The time, for an answer that depends on it (a window such as "the last 24 hours"): such an answer holds only
    /// now, so it is never kept. A loader that knows when its part changes reports that instead.
    /// </summary>
    public static DateTimeOffset Now(this GraphContext context)
    {
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        context.AnswerExpiresBy(now);
        return now;
    }
}

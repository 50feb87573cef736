using Pictograph.Data;
using Pictograph.Data.Rows;
using Pictograph.Graph.Execution;
using Pictograph.GraphApi;

namespace Pictograph.Nodes;

/// <summary>The request-scoped services node loaders use.</summary>
public static class GraphContextExtensions
{
    public static PictographDb Db(this GraphContext context) => context.Services.GetRequiredService<PictographDb>();

    /// <summary>The hot reads of the request's database (<see cref="IRowReads"/>).</summary>
    public static IRowReads Rows(this GraphContext context) => context.Services.GetRequiredService<IRowReads>();

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

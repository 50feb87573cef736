using System.Text.Json;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Schema;

namespace Pictograph.Graph.Execution;

/// <summary>
/// Answers a read in two phases: resolve (check the whole selection, then load level by level, one
/// batched load per field per level) and write (synchronous, straight to a Utf8JsonWriter). Nothing is
/// written until everything has loaded, so any error still becomes a clean error envelope.
/// </summary>
public sealed class GraphExecutor
{
    /// <summary>Reads one node with the requested (or default) fields.</summary>
    public async Task<GraphResult> ReadNodeAsync(NodeType type, object entity, FieldSelection? fields, GraphContext context)
    {
        var selection = Binder.Bind(type, fields, context);
        var nodes = await ResolveNodesAsync(selection, [entity], context).ConfigureAwait(false);
        return new GraphResult(writer => WriteNode(writer, selection, nodes[0], context));
    }

    /// <summary>Reads the edge named in a path, <c>/{id}/{edge}</c>, paged by the request's parameters.</summary>
    public async Task<GraphResult> ReadEdgeAsync(NodeType type, object entity, string edge, FieldSelection? fields, IReadOnlyList<FieldModifier> paging, GraphContext context)
    {
        var bound = Binder.BindPathEdge(type, edge, fields, paging, context);
        var resolved = await bound.Field.ResolveAsync([entity], bound, this, context).ConfigureAwait(false);
        var page = (ConnectionResult)resolved![0]!;
        return new GraphResult(writer => WriteConnection(writer, page, bound, context));
    }

    /// <summary>Runs a write (<c>POST</c>/<c>DELETE</c> on a node or one of its edges).</summary>
    public async Task<GraphResult> MutateAsync(NodeType type, object entity, string method, string? edge, Mutations.GraphArguments arguments, GraphContext context)
    {
        var result = await type.MutateAsync(entity, method, edge, arguments, context).ConfigureAwait(false);
        return new GraphResult(result.WriteTo);
    }

    internal async Task<NodeResult[]> ResolveNodesAsync(BoundSelection selection, IReadOnlyList<object> entities, GraphContext context)
    {
        var results = new NodeResult[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            results[i] = new NodeResult(entities[i], new object?[selection.Fields.Count]);
        }

        if (entities.Count == 0)
        {
            return results;
        }

        context.CountItems(entities.Count, selection.Fields.Count + (selection.AppendId ? 1 : 0));

        for (var f = 0; f < selection.Fields.Count; f++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var bound = selection.Fields[f];
            var values = await bound.Field.ResolveAsync(entities, bound, this, context).ConfigureAwait(false);
            if (values is null)
            {
                continue;
            }

            for (var i = 0; i < results.Length; i++)
            {
                results[i].Slots[f] = values[i];
            }
        }

        return results;
    }

    internal static void WriteNode(Utf8JsonWriter writer, BoundSelection selection, NodeResult node, GraphContext context)
    {
        writer.WriteStartObject();
        for (var f = 0; f < selection.Fields.Count; f++)
        {
            var bound = selection.Fields[f];
            bound.Field.Write(writer, node.Entity, node.Slots[f], bound, context);
        }

        if (selection.AppendId)
        {
            writer.WriteString("id", GraphJson.Id(selection.Type.IdOf(node.Entity)));
        }

        writer.WriteEndObject();
    }

    internal static void WriteConnection(Utf8JsonWriter writer, ConnectionResult result, BoundField bound, GraphContext context)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var node in result.Items)
        {
            GraphExecutor.WriteNode(writer, bound.Children!, node, context);
        }

        writer.WriteEndArray();
        if (result.HasCursors)
        {
            writer.WriteStartObject("paging");
            writer.WriteStartObject("cursors");
            if (result.Before is not null)
            {
                writer.WriteString("before", result.Before);
            }

            writer.WriteString("after", result.After);
            writer.WriteEndObject();
            if (result.Previous is not null)
            {
                writer.WriteString("previous", result.Previous);
            }

            if (result.Next is not null)
            {
                writer.WriteString("next", result.Next);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

/// <summary>A fully loaded answer, ready to be written; or one already rendered, whose bytes a host can send as they are.</summary>
public sealed class GraphResult(Action<Utf8JsonWriter> write)
{
    /// <summary>The answer's UTF-8 JSON when it is already rendered (null: only <see cref="WriteTo"/> writes it).</summary>
    public ReadOnlyMemory<byte>? Json { get; private init; }

    public static GraphResult Rendered(ReadOnlyMemory<byte> json) =>
        new(writer => writer.WriteRawValue(json.Span, skipInputValidation: true)) { Json = json };

    public void WriteTo(Utf8JsonWriter writer) => write(writer);
}

using System.Text.Json;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;

namespace Pictograph.Graph.Schema;

/// <summary>A single related node. Only-id selections are written without loading anything.</summary>
internal sealed class ReferenceField<T, TTarget>(string name, NodeType<TTarget> target, Func<T, long?> targetId, FieldSelection? defaults)
    : GraphField(name)
    where T : class
    where TTarget : class
{
    internal override NodeType Target => target;

    internal override FieldSelection? DefaultChildren => defaults;

    internal override async ValueTask<object?[]?> ResolveAsync(IReadOnlyList<object> parents, BoundField bound, GraphExecutor executor, GraphContext context)
    {
        var ids = parents.Select(p => targetId((T)p)).ToArray();
        var children = bound.Children!;
        if (children.IsIdOnly)
        {
            return [.. ids.Select(id => id is { } value ? (object)new IdOnly(value) : null)];
        }

        var wanted = ids.OfType<long>().Distinct().ToList();
        var loaded = wanted.Count == 0 ? new Dictionary<long, object>() : await target.LoadAsync(wanted, context).ConfigureAwait(false);
        var entities = loaded.Values.ToList();
        var results = await executor.ResolveNodesAsync(children, entities, context).ConfigureAwait(false);
        var byId = new Dictionary<long, NodeResult>();
        for (var i = 0; i < entities.Count; i++)
        {
            byId[target.IdOf(entities[i])] = results[i];
        }

        return [.. ids.Select(id => id is { } value && byId.TryGetValue(value, out var node) ? node : null)];
    }

    internal override void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context)
    {
        switch (resolved)
        {
            case IdOnly idOnly:
                writer.WritePropertyName(bound.OutputName);
                writer.WriteStartObject();
                writer.WriteString("id", GraphJson.Id(idOnly.Id));
                writer.WriteEndObject();
                break;
            case NodeResult node:
                writer.WritePropertyName(bound.OutputName);
                GraphExecutor.WriteNode(writer, bound.Children!, node, context);
                break;
        }
    }

    private sealed record IdOnly(long Id);
}

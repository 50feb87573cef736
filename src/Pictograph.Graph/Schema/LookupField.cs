using System.Text.Json;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;

namespace Pictograph.Graph.Schema;

/// <summary>
/// A single related node picked by the field's modifiers (<c>business_discovery.username(x)</c>,
/// <c>mentioned_media.media_id(x)</c>); the finder sees every parent of a level at once.
/// </summary>
internal sealed class LookupField<T, TTarget>(string name, NodeType<TTarget> target, Func<IReadOnlyList<T>, IReadOnlyList<FieldModifier>, GraphContext, Task<IReadOnlyList<long?>>> find)
    : GraphField(name)
    where T : class
    where TTarget : class
{
    internal override NodeType Target => target;

    internal override async ValueTask<object?[]?> ResolveAsync(IReadOnlyList<object> parents, BoundField bound, GraphExecutor executor, GraphContext context)
    {
        var ids = await find([.. parents.Cast<T>()], bound.Modifiers, context).ConfigureAwait(false);
        var wanted = ids.OfType<long>().Distinct().ToList();
        var loaded = wanted.Count == 0 ? new Dictionary<long, object>() : await target.LoadAsync(wanted, context).ConfigureAwait(false);
        var entities = loaded.Values.ToList();
        var results = await executor.ResolveNodesAsync(bound.Children!, entities, context).ConfigureAwait(false);
        var byId = new Dictionary<long, NodeResult>();
        for (var i = 0; i < entities.Count; i++)
        {
            byId[target.IdOf(entities[i])] = results[i];
        }

        return [.. ids.Select(id => id is { } value && byId.TryGetValue(value, out var node) ? node : null)];
    }

    internal override void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context)
    {
        if (resolved is NodeResult node)
        {
            writer.WritePropertyName(bound.OutputName);
            GraphExecutor.WriteNode(writer, bound.Children!, node, context);
        }
    }
}

using System.Text.Json;
using Pictograph.Graph.Execution;

namespace Pictograph.Graph.Schema;

/// <summary>A value computed for all nodes of a level in one load (counts, aggregates).</summary>
internal sealed class BatchedField<T, TValue>(string name, Func<IReadOnlyList<T>, GraphContext, Task<IReadOnlyList<TValue?>>> load, Action<Utf8JsonWriter, TValue> write)
    : GraphField(name)
    where T : class
{
    internal override async ValueTask<object?[]?> ResolveAsync(IReadOnlyList<object> parents, BoundField bound, GraphExecutor executor, GraphContext context)
    {
        var values = await load(parents.Cast<T>().ToList(), context).ConfigureAwait(false);
        return [.. values.Select(v => (object?)v)];
    }

    internal override void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context)
    {
        if (resolved is TValue value)
        {
            writer.WritePropertyName(bound.OutputName);
            write(writer, value);
        }
    }
}

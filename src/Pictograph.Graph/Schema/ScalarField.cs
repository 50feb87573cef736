using System.Text.Json;
using Pictograph.Graph.Execution;

namespace Pictograph.Graph.Schema;

/// <summary>A value read straight from the entity; nothing to load.</summary>
internal sealed class ScalarField<T>(string name, Func<T, GraphContext, bool> present, Action<Utf8JsonWriter, T, GraphContext> write)
    : GraphField(name)
    where T : class
{
    internal override void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context)
    {
        var entity = (T)parent;
        if (!present(entity, context))
        {
            return;
        }

        writer.WritePropertyName(bound.OutputName);
        write(writer, entity, context);
    }
}

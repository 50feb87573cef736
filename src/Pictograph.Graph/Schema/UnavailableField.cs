using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;

namespace Pictograph.Graph.Schema;

/// <summary>A field or edge the API has and this server does not serve: binding it answers its error.</summary>
internal sealed class UnavailableField(string name, Func<string, string, GraphException> error) : GraphField(name)
{
    public override bool IsUnavailable => true;

    internal override GraphException? Unavailable(string ownerName) => error(Name, ownerName);

    internal override void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context)
    {
        // Never bound, so never written.
    }
}

using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;

namespace Pictograph.Graph.Schema;

/// <summary>A field or edge of a node type. Subclasses know how to load (in batches) and write themselves.</summary>
public abstract class GraphField(string name)
{
    public string Name { get; } = name;

    /// <summary>Any one of these permissions allows the field; empty means no permission is needed.</summary>
    public IReadOnlyList<string> RequiredPermissions { get; private set; } = [];

    internal void SetRequiredPermissions(IReadOnlyList<string> anyOf) => RequiredPermissions = anyOf;

    /// <summary>The node type of the value, for fields that expand (<c>owner{…}</c>, <c>children{…}</c>).</summary>
    internal virtual NodeType? Target => null;

    internal virtual bool IsConnection => false;

    /// <summary>What an expandable field returns when the client gives no <c>{…}</c> (null: the target's defaults).</summary>
    internal virtual Fields.FieldSelection? DefaultChildren => null;

    /// <summary>The error naming this field answers (a field the API has but this server does not serve), checked at bind time.</summary>
    internal virtual GraphException? Unavailable(string ownerName) => null;

    /// <summary>Loads what the field needs for all parents of one level at once; one slot per parent.</summary>
    internal virtual ValueTask<object?[]?> ResolveAsync(IReadOnlyList<object> parents, BoundField bound, GraphExecutor executor, GraphContext context) =>
        ValueTask.FromResult<object?[]?>(null);

    /// <summary>Writes the property (name and value), or nothing when the field has no value for this parent.</summary>
    internal abstract void Write(Utf8JsonWriter writer, object parent, object? resolved, BoundField bound, GraphContext context);
}

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

    /// <summary>
    /// Why the field always answers an empty value (false, 0, an empty list, or nothing at all) on this server,
    /// or null when it is served from data: the API has the field, and this server has no such data by design.
    /// </summary>
    public string? EmptyReason { get; internal set; }

    /// <summary>Whether naming the field answers an error instead of a value (see <see cref="NodeType{T}.Unavailable"/>).</summary>
    public virtual bool IsUnavailable => false;

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

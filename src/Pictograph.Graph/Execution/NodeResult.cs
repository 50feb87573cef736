namespace Pictograph.Graph.Execution;

/// <summary>A node with the values its selection loaded, one slot per bound field.</summary>
internal sealed class NodeResult(object entity, object?[] slots)
{
    public object Entity { get; } = entity;

    public object?[] Slots { get; } = slots;
}

namespace Pictograph.Graph.Errors;

/// <summary>Thrown anywhere in a request to end it with a Graph error envelope.</summary>
public sealed class GraphException(GraphError error) : Exception(error.Message)
{
    public GraphError Error { get; } = error;
}

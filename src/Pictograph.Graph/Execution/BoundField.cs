using Pictograph.Graph.Schema;

namespace Pictograph.Graph.Execution;

/// <summary>A requested field checked against its node type: what to load and how to write it.</summary>
internal sealed class BoundField(GraphField field, NodeType owner, string outputName)
{
    public GraphField Field { get; } = field;

    /// <summary>The node type the field belongs to (cursor scopes and links name it).</summary>
    public NodeType Owner { get; } = owner;

    public string OutputName { get; } = outputName;

    /// <summary>The field's modifiers as requested (<c>.limit(5)</c>, <c>.media_id(…)</c>).</summary>
    public IReadOnlyList<Fields.FieldModifier> Modifiers { get; init; } = [];

    /// <summary>The nested selection of an expandable field (its defaults when the client gave none).</summary>
    public BoundSelection? Children { get; init; }

    /// <summary>Paging arguments of a connection.</summary>
    public ConnectionArguments? Paging { get; init; }

    /// <summary>True for the edge named in the request path: its links repeat the request's own parameters.</summary>
    public bool IsPathEdge { get; init; }
}

/// <summary>The checked selection on one node type.</summary>
internal sealed class BoundSelection(NodeType type, IReadOnlyList<BoundField> fields, bool appendId, string text)
{
    public NodeType Type { get; } = type;

    public IReadOnlyList<BoundField> Fields { get; } = fields;

    /// <summary>The Graph API appends "id" to every node whose selection did not name it.</summary>
    public bool AppendId { get; } = appendId;

    /// <summary>The selection as <c>fields</c> text, for paging links of nested edges.</summary>
    public string Text { get; } = text;

    public bool IsIdOnly => Fields.Count == 0 || (Fields.Count == 1 && Fields[0].Field.Name == "id" && Fields[0].OutputName == "id");
}

/// <summary>Validated paging arguments; cursors stay text until the parent (their scope) is known.</summary>
internal sealed record ConnectionArguments(int Limit, string? After, string? Before, long? Since, long? Until);

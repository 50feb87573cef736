namespace Pictograph.Graph.Paging;

/// <summary>
/// What a connection loader is asked for: at most <see cref="Take"/> items after (or before) a keyset
/// position, optionally within a time window (unix seconds, inclusive).
/// </summary>
public sealed record PageRequest(int Take, CursorKey? After, CursorKey? Before, long? Since, long? Until)
{
    /// <summary>True when walking backwards from <see cref="Before"/>; the loader returns items nearest to it first.</summary>
    public bool Backwards => Before is not null;
}

/// <summary>One parent's page request, as a batched connection loader receives it.</summary>
public readonly record struct ConnectionQuery<T>(T Parent, PageRequest Page)
{
    /// <summary>The edge's other modifiers (<c>top_media.user_id(…)</c>, or a path edge's query parameters).</summary>
    public IReadOnlyList<Fields.FieldModifier> Modifiers { get; init; } = [];

    public string? Modifier(string name) => Modifiers.LastOrDefault(m => m.Name == name)?.Value;
}

namespace Pictograph.Graph.Errors;

/// <summary>The generic errors of the Graph protocol itself (codes and texts as graph.facebook.com writes them).</summary>
public static class GraphErrors
{
    public static GraphException InvalidParameter(string message, int? subcode = null) =>
        new(new GraphError(100, $"(#100) {message}") { Subcode = subcode });

    public static GraphException NonexistingField(string field, string nodeType) =>
        InvalidParameter($"Tried accessing nonexisting field ({field}) on node type ({nodeType})");

    public static GraphException UnsupportedGet(string id) =>
        new(new GraphError(100,
            $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
        {
            Type = "GraphMethodException",
            Subcode = 33,
        });

    public static GraphException UnsupportedMethod(string method, string id) =>
        new(new GraphError(100,
            $"Unsupported {method.ToLowerInvariant()} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
        {
            Type = "GraphMethodException",
            Subcode = 33,
        });

    public static GraphException UnknownAlias(string alias) =>
        new(new GraphError(803, $"(#803) Some of the aliases you requested do not exist: {alias}"));

    public static GraphException UnknownPath(string components) =>
        new(new GraphError(2500, $"Unknown path components: {components}"));

    public static GraphException Syntax(string message) =>
        InvalidParameter($"Syntax error in the fields parameter: {message}");

    public static GraphException DuplicateField(string field, int position, string text) =>
        new(new GraphError(2500,
            $"Syntax error \"Field {field} specified more than once. This is only possible before version 2.1\" at character {position}: {text}"));

    public static GraphException PermissionDenied() =>
        new(new GraphError(10, "(#10) Application does not have permission for this action") { HttpStatus = 403 });

    /// <summary>An answer that would hold more items than the host allows (Meta's own text and code for a too heavy request).</summary>
    public static GraphException TooMuchData(int maxItems) =>
        new(new GraphError(1, $"Please reduce the amount of data you're asking for, then retry your request (an answer holds at most {maxItems} items: nodes and their fields)")
        {
            IsTransient = false,
        });

    public static GraphException InvalidCursor(string parameter) =>
        InvalidParameter($"The {parameter} cursor is not valid for this request");

    /// <summary>Client text quoted in a message, cut to <paramref name="max"/> characters but never inside a surrogate pair.</summary>
    internal static string Excerpt(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)] + "…";
}

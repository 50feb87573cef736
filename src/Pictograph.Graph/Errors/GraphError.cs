namespace Pictograph.Graph.Errors;

/// <summary>One Graph API error as it goes on the wire inside <c>{"error":{…}}</c>.</summary>
public sealed record GraphError(int Code, string Message)
{
    public string Type { get; init; } = "OAuthException";
    public int? Subcode { get; init; }
    public int HttpStatus { get; init; } = 400;
    public bool? IsTransient { get; init; }
    public string? UserTitle { get; init; }
    public string? UserMessage { get; init; }

    /// <summary>Sent as <c>WWW-Authenticate: OAuth "Facebook Platform" "kind" "message"</c>; null sends none.</summary>
    public string? AuthenticateKind { get; init; }
}

using System.Text.Json.Serialization;

namespace Pictograph.Control.Inspector;

/// <summary>One request as the inspector keeps it: never a whole token, never an Authorization header.</summary>
/// <param name="Sequence">Increases by one per request kept, so <c>after=</c> pages and a tail resumes.</param>
/// <param name="Path">The path with its query, secrets masked (<c>access_token=IGQV…a1b2</c>).</param>
/// <param name="Token">The caller's token, masked.</param>
/// <param name="Fault">The fault rule that applied, if any.</param>
public sealed record InspectedRequest(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Host,
    string Path,
    int Status,
    [property: JsonPropertyName("latency_ms")] double LatencyMs,
    [property: JsonPropertyName("app_id")] string? AppId,
    [property: JsonPropertyName("user_id")] string? UserId,
    string? Token,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error_subcode")] int? ErrorSubcode,
    string? Fault,
    bool Dropped);

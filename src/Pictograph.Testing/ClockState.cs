using System.Text.Json.Serialization;

namespace Pictograph.Testing;

/// <summary>The server's clock as <c>/_pictograph/clock</c> shows it.</summary>
public sealed record ClockState(
    [property: JsonPropertyName("now")] DateTimeOffset Now,
    [property: JsonPropertyName("unix")] long Unix,
    [property: JsonPropertyName("frozen")] bool Frozen,
    [property: JsonPropertyName("offsetSeconds")] double OffsetSeconds);

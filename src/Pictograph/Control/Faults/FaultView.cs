using System.Globalization;
using System.Text.Json.Serialization;

namespace Pictograph.Control.Faults;

/// <summary>A rule as the control API lists it: what it was given, with its hits and (with times) the matches it has left.</summary>
public sealed record FaultView(
    string Id,
    FaultMatchView Match,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FaultErrorView? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Drop,
    [property: JsonPropertyName("latency_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LatencyMs,
    double Probability,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Times,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Remaining,
    long Hits)
{
    public static FaultView Of(ActiveFault active)
    {
        var rule = active.Rule;
        var match = rule.Match;
        var error = rule.Error;
        return new FaultView(
            rule.Id,
            new FaultMatchView(match.Method, match.Path, match.Host, Text(match.AppId), Text(match.UserId), match.Token),
            error is null ? null : new FaultErrorView(error.Code, error.Subcode, error.Type, error.Message, error.HttpStatus, error.IsTransient),
            rule.Drop,
            rule.Latency?.TotalMilliseconds,
            rule.Probability,
            rule.Times,
            active.Remaining,
            active.Hits);
    }

    private static string? Text(long? id) => id?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A rule's criteria; those not given are left out.</summary>
public sealed record FaultMatchView(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Method,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Host,
    [property: JsonPropertyName("app_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AppId,
    [property: JsonPropertyName("user_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token);

/// <summary>The Graph error a rule answers with.</summary>
public sealed record FaultErrorView(
    int Code,
    [property: JsonPropertyName("error_subcode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Subcode,
    string Type,
    string Message,
    int Status,
    [property: JsonPropertyName("is_transient"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsTransient);

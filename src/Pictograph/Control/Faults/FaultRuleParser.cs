using System.Globalization;
using System.Text.Json;
using Pictograph.Control.Clock;
using Pictograph.Graph.Errors;

namespace Pictograph.Control.Faults;

/// <summary>
/// Reads a fault rule's JSON (the control API's body, an entry of a fixture's <c>faults:</c> list) and lists every
/// mistake in it, each with the property it is about, rather than stopping at the first.
/// </summary>
public static class FaultRuleParser
{
    public const int MaxIdLength = 64;

    /// <summary>A latency longer than this is more likely a typo (ms for s) than a test's intent.</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromMinutes(10);

    private static readonly string[] RuleProperties = ["id", "match", "error", "latency", "drop", "probability", "times"];
    private static readonly string[] MatchProperties = ["method", "path", "host", "app_id", "user_id", "token"];
    private static readonly string[] ErrorProperties = ["code", "error_subcode", "type", "message", "status", "is_transient", "error_user_title", "error_user_msg"];

    /// <summary>The rule, or null with <paramref name="errors"/> added to (each prefixed with <paramref name="at"/>).</summary>
    public static FaultRule? Parse(JsonElement json, string at, Func<string> newId, List<string> errors)
    {
        var before = errors.Count;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{Name(at, "")}must be an object with match and error, drop or latency");
            return null;
        }

        Unknown(json, RuleProperties, at, errors);
        var id = Id(json, at, errors);
        var match = json.TryGetProperty("match", out var m) ? Match(m, Child(at, "match"), errors) : new FaultMatch(null, null, null, null, null, null, null);
        var error = json.TryGetProperty("error", out var e) ? Error(e, Child(at, "error"), errors) : null;
        var drop = false;
        if (json.TryGetProperty("drop", out var d))
        {
            if (d.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"{Name(at, "drop")}must be true or false");
            }

            drop = d.ValueKind == JsonValueKind.True;
        }

        TimeSpan? latency = json.TryGetProperty("latency", out var l) ? Latency(l, Child(at, "latency"), errors) : null;
        if (json.TryGetProperty("error", out _) && drop)
        {
            errors.Add($"{Name(at, "")}has both error and drop; a rule answers with an error or drops the connection, not both");
        }
        else if (!json.TryGetProperty("error", out _) && !drop && !json.TryGetProperty("latency", out _))
        {
            errors.Add($"{Name(at, "")}does nothing: give error, drop: true or latency");
        }

        var probability = 1.0;
        if (json.TryGetProperty("probability", out var p))
        {
            if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out probability) || probability is <= 0 or > 1)
            {
                errors.Add($"{Name(at, "probability")}must be a number above 0 and at most 1");
            }
        }

        int? times = null;
        if (json.TryGetProperty("times", out var t))
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out var n) || n < 1)
            {
                errors.Add($"{Name(at, "times")}must be a whole number of at least 1");
            }
            else
            {
                times = n;
            }
        }

        return errors.Count > before ? null : new FaultRule(id ?? newId(), match, error, drop, latency, probability, times);
    }

    private static string Child(string at, string property) => at.Length == 0 ? property : $"{at}.{property}";

    private static string Name(string at, string property) =>
        (at, property) switch
        {
            ("", "") => "the rule ",
            ("", _) => $"{property}: ",
            (_, "") => $"{at}: ",
            _ => $"{at}.{property}: ",
        };

    private static void Unknown(JsonElement json, string[] known, string at, List<string> errors)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add($"{Name(at, property.Name)}is not a property here (known: {string.Join(", ", known)})");
            }
        }
    }

    private static string? Id(JsonElement json, string at, List<string> errors)
    {
        if (!json.TryGetProperty("id", out var value))
        {
            return null;
        }

        var id = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add($"{Name(at, "id")}must be a string of 1 to {MaxIdLength} letters, digits, '-', '_' or '.'");
            return null;
        }

        return id;
    }

    private static FaultMatch Match(JsonElement json, string at, List<string> errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: must be an object");
            return new FaultMatch(null, null, null, null, null, null, null);
        }

        Unknown(json, MatchProperties, at, errors);
        var method = Text(json, "method", at, errors)?.ToUpperInvariant();
        if (method is not null && !method.All(char.IsAsciiLetter))
        {
            errors.Add($"{Name(at, "method")}must be an HTTP method such as GET or POST");
        }

        var path = Text(json, "path", at, errors);
        if (path is not null && !path.StartsWith('/'))
        {
            errors.Add($"{Name(at, "path")}must start with / (e.g. /v*/me/media or /oauth/**)");
        }

        var host = Text(json, "host", at, errors)?.ToLowerInvariant();
        var app = Number(json, "app_id", at, errors);
        var user = Number(json, "user_id", at, errors);
        var token = Text(json, "token", at, errors);
        return new FaultMatch(method, path, path is null ? null : PathGlob.ToRegex(path), host, app, user, token);
    }

    private static GraphError? Error(JsonElement json, string at, List<string> errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: must be an object with at least code");
            return null;
        }

        Unknown(json, ErrorProperties, at, errors);
        int? code = null;
        if (!json.TryGetProperty("code", out var c))
        {
            errors.Add($"{Name(at, "code")}is required (a Graph error code, e.g. 4, 17, 100, 190)");
        }
        else if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out var parsed) || parsed < 0)
        {
            errors.Add($"{Name(at, "code")}must be a whole number");
        }
        else
        {
            code = parsed;
        }

        int? subcode = null;
        if (json.TryGetProperty("error_subcode", out var s))
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out var parsed) || parsed < 0)
            {
                errors.Add($"{Name(at, "error_subcode")}must be a whole number");
            }
            else
            {
                subcode = parsed;
            }
        }

        var status = StatusCodes.Status400BadRequest;
        if (json.TryGetProperty("status", out var st) && (st.ValueKind != JsonValueKind.Number || !st.TryGetInt32(out status) || status is < 400 or > 599))
        {
            errors.Add($"{Name(at, "status")}must be an HTTP error status from 400 to 599");
        }

        bool? transient = null;
        if (json.TryGetProperty("is_transient", out var tr))
        {
            if (tr.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"{Name(at, "is_transient")}must be true or false");
            }
            else
            {
                transient = tr.GetBoolean();
            }
        }

        var type = Text(json, "type", at, errors) ?? "OAuthException";
        var message = Text(json, "message", at, errors);
        var title = Text(json, "error_user_title", at, errors);
        var userMessage = Text(json, "error_user_msg", at, errors);
        return code is not { } known
            ? null
            : new GraphError(known, message ?? string.Create(CultureInfo.InvariantCulture, $"(#{known}) An error injected by a fault rule"))
            {
                Type = type,
                Subcode = subcode,
                HttpStatus = status,
                IsTransient = transient,
                UserTitle = title,
                UserMessage = userMessage,
            };
    }

    private static TimeSpan? Latency(JsonElement json, string at, List<string> errors)
    {
        TimeSpan span = default;
        var valid = json.ValueKind switch
        {
            JsonValueKind.Number => json.TryGetDouble(out var ms) && ms >= 0 && Durations.TryParse(ms.ToString(CultureInfo.InvariantCulture) + "ms", out span),
            JsonValueKind.String => Durations.TryParse(json.GetString(), out span),
            _ => false,
        };
        if (!valid || span < TimeSpan.Zero || span > MaxLatency)
        {
            errors.Add($"{at}: must be a span up to 10 minutes: \"250ms\", \"2s\", or milliseconds as a number");
            return null;
        }

        return span;
    }

    private static string? Text(JsonElement json, string property, string at, List<string> errors)
    {
        if (!json.TryGetProperty(property, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            errors.Add($"{Name(at, property)}must be a non-empty string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Ids are given as strings (as Graph writes them) or numbers.</summary>
    private static long? Number(JsonElement json, string property, string at, List<string> errors)
    {
        if (!json.TryGetProperty(property, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n > 0)
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0)
        {
            return s;
        }

        errors.Add($"{Name(at, property)}must be an id: digits, as a string or a number");
        return null;
    }
}

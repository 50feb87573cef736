using System.Globalization;
using Pictograph.Graph.Errors;

namespace Pictograph.Graph.Mutations;

/// <summary>The parameters of a write (<c>POST</c>/<c>DELETE</c>), in the order they arrived; the last value of a name wins.</summary>
public sealed class GraphArguments(IReadOnlyList<KeyValuePair<string, string>> all)
{
    public IReadOnlyList<KeyValuePair<string, string>> All { get; } = all;

    public string? this[string name]
    {
        get
        {
            for (var i = All.Count - 1; i >= 0; i--)
            {
                if (All[i].Key == name)
                {
                    return All[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>A required parameter, or the (#100) error naming it.</summary>
    public string Required(string name) =>
        this[name] is { Length: > 0 } value ? value : throw GraphErrors.InvalidParameter($"The parameter {name} is required");

    /// <summary>A list parameter in any of the spellings of <see cref="ParameterValues.List"/>; empty when absent.</summary>
    public IReadOnlyList<string> List(string name) => ParameterValues.List(name, this[name]);

    /// <summary>A boolean parameter as the Graph API reads them: true/false (also 1/0, also as a JSON string).</summary>
    public bool? Boolean(string name) => (this[name] is { } text ? ParameterValues.Scalar(text) : null)?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw GraphErrors.InvalidParameter($"The parameter {name} must be true or false"),
    };

    public long? Id(string name)
    {
        var text = this[name] is { } given ? ParameterValues.Scalar(given) : null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw GraphErrors.InvalidParameter($"The parameter {name} must be an id");
    }
}

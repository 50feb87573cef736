using System.Text.Json;
using System.Text.RegularExpressions;
using Pictograph.Graph.Errors;

namespace Pictograph.GraphApi;

/// <summary>
/// The results of a batch's named operations and the <c>{result=NAME:$.path}</c> references to them in later
/// operations' <c>relative_url</c> and <c>body</c>. Operations run in request order, so only an earlier operation
/// that succeeded can be referenced or depended on.
/// </summary>
internal sealed partial class BatchReferences(IReadOnlySet<string> names)
{
    private readonly Dictionary<string, Result> _results = new(StringComparer.Ordinal);

    /// <summary>The names <paramref name="text"/> references.</summary>
    public static IEnumerable<string> NamesIn(string? text) =>
        text is null ? [] : Reference().Matches(text).Select(m => m.Groups["name"].Value);

    public void Record(string name, bool succeeded, string body) => _results[name] = new Result(succeeded, body);

    /// <summary>The parsed result of the earlier, successful operation <paramref name="name"/>.</summary>
    public JsonElement ResultOf(string name)
    {
        if (!_results.TryGetValue(name, out var result))
        {
            throw GraphErrors.InvalidParameter(names.Contains(name)
                ? $"The batch operation {name} has not run yet: an operation can only depend on operations before it"
                : $"There is no batch operation named {name}");
        }

        if (!result.Succeeded)
        {
            throw GraphErrors.InvalidParameter($"This operation depends on the batch operation {name}, which failed");
        }

        // Parsed once, on first use: most named results are only ever depended on, not read.
        return result.Json ??= JsonDocument.Parse(result.Body).RootElement.Clone();
    }

    /// <summary>
    /// <paramref name="text"/> with each reference replaced by the values it selects, URL-encoded (both places
    /// are URL-encoded text) and joined with commas, which stay readable as Meta's <c>ids=a,b</c> lists do.
    /// </summary>
    public string Resolve(string text) => Reference().Replace(text, match =>
    {
        var name = match.Groups["name"].Value;
        var path = Uri.UnescapeDataString(match.Groups["path"].Value);
        var steps = BatchJsonPath.Parse(path) ?? throw GraphErrors.InvalidParameter(
            $"Unsupported JSONPath expression {path} in {{result={name}:{path}}}: only $, .name, .0, [0] and * are supported");
        var values = BatchJsonPath.Select(ResultOf(name), steps).Where(v => v.ValueKind != JsonValueKind.Null).ToList();
        if (values.Count == 0)
        {
            throw GraphErrors.InvalidParameter($"The JSONPath expression {path} matched nothing in the result of the batch operation {name}");
        }

        return string.Join(',', values.Select(v => Uri.EscapeDataString(Text(v)).Replace("%2C", ",", StringComparison.Ordinal)));
    });

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private sealed record Result(bool Succeeded, string Body)
    {
        public JsonElement? Json { get; set; }
    }

    /// <summary><c>{result=NAME:PATH}</c>, also as SDKs send it inside an already URL-encoded query.</summary>
    [GeneratedRegex(@"(?:\{|%7B)result(?:=|%3D)(?<name>[^:{}%]+?)(?::|%3A)(?<path>[^{}]*?)(?:\}|%7D)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}

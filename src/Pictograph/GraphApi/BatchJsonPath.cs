using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pictograph.GraphApi;

/// <summary>
/// The JSONPath subset Meta documents for batch references: <c>$</c> followed by <c>.name</c>, <c>.0</c> or
/// <c>[0]</c>, and the wildcard <c>.*</c> or <c>[*]</c>. Filters, scripts, recursive descent and slices are
/// refused rather than half-supported (no JSONPath library restores here).
/// </summary>
internal static partial class BatchJsonPath
{
    /// <summary>The steps of <paramref name="path"/> (<c>*</c> is the wildcard), or null when it is outside the subset.</summary>
    public static IReadOnlyList<string>? Parse(string path)
    {
        var match = Syntax().Match(path);
        return match.Success ? [.. match.Groups["step"].Captures.Select(c => c.Value)] : null;
    }

    /// <summary>Every value the steps reach from <paramref name="root"/>, in document order.</summary>
    public static List<JsonElement> Select(JsonElement root, IReadOnlyList<string> steps)
    {
        IEnumerable<JsonElement> reached = [root];
        foreach (var step in steps)
        {
            reached = reached.SelectMany(element => Children(element, step));
        }

        return [.. reached];
    }

    private static IEnumerable<JsonElement> Children(JsonElement element, string step) => (element.ValueKind, step) switch
    {
        (JsonValueKind.Array, "*") => element.EnumerateArray(),
        (JsonValueKind.Object, "*") => element.EnumerateObject().Select(p => p.Value),
        (JsonValueKind.Array, _) when int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < element.GetArrayLength() => [element[index]],
        (JsonValueKind.Object, _) when element.TryGetProperty(step, out var value) => [value],
        _ => [],
    };

    [GeneratedRegex(@"^\$(?:\.(?<step>[A-Za-z0-9_\-]+|\*)|\[(?<step>[0-9]+|\*)\])*$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Pictograph.Graph.Errors;

namespace Pictograph.Publishing;

/// <summary>
/// Array-valued publishing parameters (children, collaborators, user_tags) as clients send them: a comma
/// list, a JSON array, or Instagram's own documentation style with unquoted keys and single quotes.
/// </summary>
public static partial class ListParameter
{
    /// <summary>A list of strings: <c>a,b</c>, <c>["a","b"]</c> or <c>[1,2]</c>.</summary>
    public static IReadOnlyList<string> Strings(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('['))
        {
            return [.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        using var document = Parse(name, trimmed);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw GraphErrors.InvalidParameter($"Param {name} must be an array");
        }

        return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString()!.Trim(),
            JsonValueKind.Number => e.GetRawText(),
            _ => throw GraphErrors.InvalidParameter($"Param {name} must be an array of strings"),
        })];
    }

    /// <summary>A JSON array of objects, read leniently (unquoted keys, single-quoted strings).</summary>
    public static JsonDocument Objects(string name, string text)
    {
        var document = Parse(name, text.Trim());
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            document.Dispose();
            throw GraphErrors.InvalidParameter($"Param {name} must be an array of objects");
        }

        return document;
    }

    private static JsonDocument Parse(string name, string text)
    {
        var options = new JsonDocumentOptions { MaxDepth = 4, AllowTrailingCommas = true };
        try
        {
            return JsonDocument.Parse(text, options);
        }
        catch (JsonException)
        {
            // Instagram's own samples write {username:'name',x:0.5}: quote the keys and swap the quotes, then try again.
            var relaxed = UnquotedKey().Replace(SingleQuoted().Replace(text, m => JsonSerializer.Serialize(m.Groups[1].Value)), "$1\"$2\":");
            try
            {
                return JsonDocument.Parse(relaxed, options);
            }
            catch (JsonException)
            {
                throw GraphErrors.InvalidParameter($"Param {name} must be valid JSON");
            }
        }
    }

    [GeneratedRegex("'([^'\\\\]*)'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex("([{,]\\s*)([A-Za-z_][A-Za-z0-9_]*)\\s*:")]
    private static partial Regex UnquotedKey();
}

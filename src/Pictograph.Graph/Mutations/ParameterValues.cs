using System.Text.Json;
using System.Text.RegularExpressions;
using Pictograph.Graph.Errors;

namespace Pictograph.Graph.Mutations;

/// <summary>
/// Graph's "complex parameters" as clients send them: lists as a comma string, a JSON array or the
/// bracketed <c>[a,b]</c> of Instagram's own samples; objects as JSON, also with unquoted keys and single
/// quotes; scalars also as a JSON string literal (<c>"5"</c>, <c>"true"</c>). Malformed JSON is a (#100).
/// </summary>
public static partial class ParameterValues
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4, AllowTrailingCommas = true };

    /// <summary>A list of strings: <c>a,b</c>, <c>["a","b"]</c>, <c>[a,b]</c> or <c>[1,2]</c>; empty when absent.</summary>
    public static IReadOnlyList<string> List(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('['))
        {
            return Split(trimmed);
        }

        // [a,b] with bare words: neither JSON nor worth a parser, just the comma list inside the brackets.
        if (trimmed.EndsWith(']') && BareList().IsMatch(trimmed))
        {
            return Split(trimmed[1..^1]);
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

    /// <summary>
    /// The <c>fields</c> text for the fields grammar: a list in brackets (a JSON array) joined with commas, as
    /// Graph flattens it; anything else as given. A fields list never starts with "[", so that is the list.
    /// </summary>
    public static string? Fields(string? text) =>
        text is not null && text.TrimStart().StartsWith('[') ? string.Join(',', List("fields", text)) : text;

    /// <summary>A JSON array of objects, read leniently (unquoted keys, single-quoted strings).</summary>
    public static JsonDocument Objects(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = Parse(name, text.Trim());
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            document.Dispose();
            throw GraphErrors.InvalidParameter($"Param {name} must be an array of objects");
        }

        return document;
    }

    /// <summary>A scalar's text: a JSON string literal (<c>"5"</c>) unwrapped, anything else as given.</summary>
    public static string Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '"' || trimmed[^1] != '"')
        {
            return text;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(trimmed) ?? text;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not a string literal, or one that is not valid Unicode (a lone surrogate escape): left as given.
            return text;
        }
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonDocument Parse(string name, string text)
    {
        var document = ParseLeniently(name, text);
        if (!JsonStrings.AreUnicode(document.RootElement))
        {
            document.Dispose();
            throw GraphErrors.InvalidParameter($"Param {name} has a string that is not valid Unicode");
        }

        return document;
    }

    private static JsonDocument ParseLeniently(string name, string text)
    {
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException)
        {
            // Instagram's own samples write {username:'name',x:0.5}: quote the keys and swap the quotes, then try again.
            var relaxed = UnquotedKey().Replace(SingleQuoted().Replace(text, m => JsonSerializer.Serialize(m.Groups[1].Value)), "$1\"$2\":");
            try
            {
                return JsonDocument.Parse(relaxed, Options);
            }
            catch (JsonException)
            {
                throw GraphErrors.InvalidParameter($"Param {name} must be valid JSON");
            }
        }
    }

    // Brackets around words, digits, dots, @, _ and - separated by commas: nothing JSON would need to read.
    [GeneratedRegex(@"^\[\s*[\w.@-]+(\s*,\s*[\w.@-]+)*\s*,?\s*\]$", RegexOptions.CultureInvariant)]
    private static partial Regex BareList();

    [GeneratedRegex("'([^'\\\\]*)'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex("([{,]\\s*)([A-Za-z_][A-Za-z0-9_]*)\\s*:")]
    private static partial Regex UnquotedKey();
}

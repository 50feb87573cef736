using System.Text.RegularExpressions;

namespace Pictograph.Data;

/// <summary>Hashtags and @-mentions as Instagram reads them out of captions and comments.</summary>
public static partial class TextEntities
{
    /// <summary>Distinct hashtag names, lowercase, without '#', in order of first use.</summary>
    public static IReadOnlyList<string> Hashtags(string? text) =>
        text is null ? [] : [.. HashtagPattern().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    /// <summary>The hashtag a search names (<c>Coffee</c>, <c>#coffee</c>), lowercase without '#'; null when it is not one tag.</summary>
    public static string? HashtagName(string? q)
    {
        var name = q?.Trim().TrimStart('#');
        return name is { Length: > 0 } && WholeTagPattern().IsMatch(name) ? name.ToLowerInvariant() : null;
    }

    /// <summary>Distinct mentioned usernames, lowercase, without '@', in order of first use.</summary>
    public static IReadOnlyList<string> Mentions(string? text) =>
        text is null ? [] : [.. MentionPattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.').ToLowerInvariant()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal)];

    // A tag is letters, digits and underscores (any script), not starting right after a word character.
    [GeneratedRegex(@"(?<![\w&])#(\w{1,100})", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"^\w{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeTagPattern();

    // Usernames: up to 30 of letters, digits, '.' and '_'.
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9._]{1,30})", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}

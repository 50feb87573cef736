using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Mutations;

namespace Pictograph.Publishing;

/// <summary>A tagged account on a photo or video: positions (0–1 from the top left) are required on photos only.</summary>
public sealed record UserTag(string Username, double? X, double? Y);

public static class UserTags
{
    private const int MaxTags = 20;

    /// <summary>Reads <c>user_tags</c>; every username must be an existing account.</summary>
    public static async Task<IReadOnlyList<UserTag>> ParseAsync(string? text, bool positionsRequired, PictographDb db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        using var document = ParameterValues.Objects("user_tags", text);
        var tags = new List<UserTag>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var username = item.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()!.Trim().TrimStart('@') : null;
            if (string.IsNullOrEmpty(username))
            {
                throw GraphErrors.InvalidParameter("Each user tag needs a username");
            }

            var x = Coordinate(item, "x");
            var y = Coordinate(item, "y");
            if (positionsRequired && (x is null || y is null))
            {
                throw GraphErrors.InvalidParameter($"The user tag for {username} needs x and y coordinates between 0.0 and 1.0");
            }

            tags.Add(new UserTag(username, x, y));
        }

        if (tags.Count > MaxTags)
        {
            throw PublishingErrors.TooManyTags(MaxTags);
        }

        var names = tags.Select(t => t.Username.ToLowerInvariant()).Distinct().ToList();
        var known = await db.Accounts.AsNoTracking().Where(a => names.Contains(a.Username.ToLower())).Select(a => a.Username.ToLower()).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } missing)
        {
            throw GraphErrors.InvalidParameter($"The user with username {missing} does not exist and cannot be tagged");
        }

        return tags;
    }

    public static string Serialize(IReadOnlyList<UserTag> tags) => JsonSerializer.Serialize(tags);

    public static IReadOnlyList<UserTag> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<UserTag>>(json) ?? [];

    private static double? Coordinate(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return number is >= 0 and <= 1 ? number : throw GraphErrors.InvalidParameter($"User tag {name} must be a number between 0.0 and 1.0");
    }
}

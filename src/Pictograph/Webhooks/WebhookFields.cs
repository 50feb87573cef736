using Pictograph.Auth;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Mutations;

namespace Pictograph.Webhooks;

/// <summary>The fields of object <c>instagram</c> an app or an account may subscribe to, and how they are parsed.</summary>
public static class WebhookFields
{
    public const string Object = "instagram";

    public const string Comments = "comments";
    public const string LiveComments = "live_comments";
    public const string Mentions = "mentions";
    public const string StoryInsights = "story_insights";

    /// <summary>The subscribable list of the spec (IGUser subscribed_apps), in its order; the server produces comments, mentions and story_insights.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Comments, LiveComments, Mentions, StoryInsights, "messages", "message_edit", "message_reactions", "messaging_seen",
        "messaging_postbacks", "messaging_referral", "messaging_optins", "messaging_handover", "standby", "share_to_story",
        "story_reactions", "story_poll_response", "comment_poll_response", "follow", "delta", "onboarding_welcome_message_series",
    ];

    /// <summary>Fields this server raises events for (the others may be subscribed but never fire).</summary>
    public static readonly IReadOnlyList<string> Produced = [Comments, Mentions, StoryInsights];

    public static bool IsSubscribable(string field) =>
        All.Contains(field, StringComparer.Ordinal) || field.StartsWith("creator_marketplace_", StringComparison.Ordinal);

    /// <summary>
    /// A field list as clients send it: <c>comments,mentions</c>, a JSON array <c>["comments","mentions"]</c> or <c>[comments,mentions]</c>.
    /// Answers the distinct names in order, or the (#100)-style problem with the first bad one.
    /// </summary>
    public static (IReadOnlyList<string> Fields, string? Problem) Parse(string? text, string parameter)
    {
        var names = Split(text);
        if (names is null)
        {
            return ([], $"The parameter {parameter} must be a list of field names");
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (!IsSubscribable(names[i]))
            {
                return ([], $"Param {parameter}[{i}] must be one of {{{string.Join(", ", All)}}} - got \"{Excerpt(names[i])}\"");
            }
        }

        return (names, null);
    }

    /// <summary>
    /// The permission a token needs to enable a field for its account, by the field's family (§8.4): comments and
    /// mentions need comment management, story_insights insights, messaging fields messaging; null: none beyond reading.
    /// </summary>
    public static string? Permission(string field, bool instagramLogin) => field switch
    {
        Comments or LiveComments or Mentions or "comment_poll_response" =>
            instagramLogin ? Permissions.BusinessManageComments : Permissions.InstagramManageComments,
        StoryInsights => instagramLogin ? Permissions.BusinessManageInsights : Permissions.InstagramManageInsights,
        _ when field.StartsWith("messag", StringComparison.Ordinal) || field is "standby"
            or "story_reactions" or "share_to_story" or "story_poll_response" or "onboarding_welcome_message_series" =>
            instagramLogin ? Permissions.BusinessManageMessages : Permissions.InstagramManageMessages,
        _ => null,
    };

    /// <summary>A stored comma list as names.</summary>
    public static IReadOnlyList<string> Stored(string fields) =>
        fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Contains(string stored, string field) => Stored(stored).Contains(field, StringComparer.Ordinal);

    private static List<string>? Split(string? text)
    {
        try
        {
            var names = ParameterValues.List("fields", text);
            return names.Any(string.IsNullOrWhiteSpace) ? null : [.. names.Distinct(StringComparer.Ordinal)];
        }
        catch (GraphException)
        {
            return null;
        }
    }

    private static string Excerpt(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

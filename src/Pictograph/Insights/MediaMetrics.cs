using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>The media surfaces of the media-insights applicability table (feed posts and albums, reels, stories).</summary>
[Flags]
public enum MediaSurface
{
    None = 0,
    Feed = 1,
    Reels = 2,
    Story = 4,
}

/// <summary>One metric of <c>GET /{ig-media-id}/insights</c>.</summary>
public sealed record MediaMetric(string Name, string Title, string Description, IReadOnlyList<string> Kinds, InsightAggregate Aggregate, MediaSurface Surfaces, string? Breakdown = null, bool FacebookOnly = false);

/// <summary>The media metrics, per the reference's table and the spec's enum.</summary>
public static class MediaMetrics
{
    private const MediaSurface FeedReels = MediaSurface.Feed | MediaSurface.Reels;
    private const MediaSurface Everywhere = MediaSurface.Feed | MediaSurface.Reels | MediaSurface.Story;
    private const MediaSurface FeedStory = MediaSurface.Feed | MediaSurface.Story;

    /// <summary>The spec enum (<c>shadowigmediainsights_metric_enum_param</c>) plus link_clicks, which the reference documents for stories.</summary>
    public static readonly string[] Enum =
    [
        "clips_replays_count", "comments", "content_views", "crossposted_views", "facebook_views", "follows", "ig_reels_aggregated_all_plays_count",
        "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "impressions", "likes", "link_clicks", "navigation", "plays", "profile_activity",
        "profile_visits", "reach", "reels_skip_rate", "replies", "reposts", "saved", "shares", "total_comments", "total_interactions", "total_likes",
        "total_views", "video_views", "views",
    ];

    public static readonly string[] BreakdownEnum = ["action_type", "follow_type", "story_navigation_action_type", "surface_type"];

    /// <summary>Names retired in v22.0 (and for every version from 2025-04-21).</summary>
    public static readonly string[] Retired = ["impressions", "plays", "clips_replays_count", "ig_reels_aggregated_all_plays_count", "video_views"];

    private static readonly string[] Interactions = [AccountFacts.Like, AccountFacts.Comment, InsightEventKinds.Save, InsightEventKinds.Share, InsightEventKinds.Reply, InsightEventKinds.Repost];

    private static readonly Dictionary<string, MediaMetric> All = new MediaMetric[]
    {
        new("comments", "Comments", "The number of comments on your post.", [AccountFacts.Comment], InsightAggregate.Sum, FeedReels),
        new("likes", "Likes", "The number of likes on your post.", [AccountFacts.Like], InsightAggregate.Sum, FeedReels),
        new("saved", "Saved", "The number of saves of your post.", [InsightEventKinds.Save], InsightAggregate.Sum, FeedReels),
        new("reach", "Accounts reached", "The number of unique accounts that have seen your post, at least once.", [InsightEventKinds.View], InsightAggregate.DistinctActors, Everywhere),
        new("shares", "Shares", "The number of shares of your post.", [InsightEventKinds.Share], InsightAggregate.Sum, Everywhere),
        new("total_interactions", "Interactions", "The number of likes, saves, comments, shares, replies and reposts on your post.", Interactions, InsightAggregate.Sum, Everywhere),
        new("views", "Views", "The number of times your post was played or displayed.", [InsightEventKinds.View], InsightAggregate.Sum, Everywhere),
        new("reposts", "Reposts", "The number of times your post was reposted.", [InsightEventKinds.Repost], InsightAggregate.Sum, Everywhere),
        new("follows", "Follows", "The number of accounts that started following you from this post.", [InsightEventKinds.Follow], InsightAggregate.Sum, FeedStory),
        new("profile_visits", "Profile visits", "The number of times your profile was visited from this post.", [InsightEventKinds.ProfileView], InsightAggregate.Sum, FeedStory),
        new("profile_activity", "Profile activity", "The number of actions people took on your profile after engaging with your post.", [InsightEventKinds.ProfileLinkTap, InsightEventKinds.WebsiteClick], InsightAggregate.Sum, FeedStory, "action_type"),
        new("navigation", "Navigation", "The total number of actions taken from your story: forward, back, exit and next story.", [InsightEventKinds.Navigation], InsightAggregate.Sum, MediaSurface.Story, "story_navigation_action_type"),
        new("replies", "Replies", "The total number of replies to your story.", [InsightEventKinds.Reply], InsightAggregate.Sum, MediaSurface.Story),
        new("link_clicks", "Link clicks", "The number of taps on the link of your story.", [InsightEventKinds.LinkClick], InsightAggregate.Sum, MediaSurface.Story),
        // Without cross-posting to Facebook, the totals equal the Instagram numbers.
        new("total_comments", "Total comments", "The number of comments on your post on Instagram and Facebook.", [AccountFacts.Comment], InsightAggregate.Sum, FeedReels, FacebookOnly: true),
        new("total_likes", "Total likes", "The number of likes on your post on Instagram and Facebook.", [AccountFacts.Like], InsightAggregate.Sum, FeedReels, FacebookOnly: true),
        new("total_views", "Total views", "The number of times your post was played or displayed on Instagram and Facebook.", [InsightEventKinds.View], InsightAggregate.Sum, Everywhere, FacebookOnly: true),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The served metric named, or the error for one of the enum this server does not serve (watch time, Facebook views…).</summary>
    public static MediaMetric Find(string name) =>
        All.TryGetValue(name, out var metric) ? metric : throw InsightErrors.NotServed(name);

    public static MediaSurface SurfaceOf(Data.Media media) => media.ProductType switch
    {
        MediaProductType.Reels => MediaSurface.Reels,
        MediaProductType.Story => MediaSurface.Story,
        _ => MediaSurface.Feed,
    };
}

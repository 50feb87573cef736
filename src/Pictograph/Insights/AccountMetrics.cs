namespace Pictograph.Insights;

/// <summary>How a counted metric turns facts into a number.</summary>
public enum InsightAggregate
{
    /// <summary>How many times it happened.</summary>
    Sum,

    /// <summary>How many distinct known accounts did it (reach, accounts engaged).</summary>
    DistinctActors,
}

/// <summary>What computes a metric.</summary>
public enum AccountMetricShape
{
    /// <summary>From <see cref="InsightFact"/>s.</summary>
    Counted,

    /// <summary>New followers per day.</summary>
    FollowerCount,

    /// <summary>Followers seen active, per hour of each day.</summary>
    OnlineFollowers,

    /// <summary>An audience's age, city, country and gender.</summary>
    Demographic,
}

/// <summary>One metric of <c>GET /{ig-user-id}/insights</c>: where it comes from and what it accepts.</summary>
public sealed record AccountMetric(
    string Name,
    string Title,
    string Description,
    AccountMetricShape Shape,
    IReadOnlyList<string> Kinds,
    InsightAggregate Aggregate,
    IReadOnlyList<string> Periods,
    bool TimeSeries,
    bool TotalValue,
    IReadOnlyList<string> Breakdowns);

/// <summary>The account metrics, per the reference's table and the spec's enum.</summary>
public static class AccountMetrics
{
    private static readonly string[] Day = ["day"];
    private static readonly string[] Lifetime = ["lifetime"];
    private static readonly string[] None = [];
    private static readonly string[] ByProduct = ["media_product_type"];
    private static readonly string[] Demography = ["age", "city", "country", "gender"];
    private static readonly string[] Interactions = [AccountFacts.Like, AccountFacts.Comment, InsightEventKinds.Save, InsightEventKinds.Share, InsightEventKinds.Reply, InsightEventKinds.Repost];

    /// <summary>The metric values the API accepts (spec enum <c>shadowiguserinsights_metric_enum_param</c>), in its order.</summary>
    public static readonly string[] Enum =
    [
        "accounts_engaged", "comments", "content_views", "engaged_audience_demographics", "follower_count", "follower_demographics",
        "follows_and_unfollows", "likes", "online_followers", "profile_links_taps", "profile_views", "quotes", "reach",
        "reached_audience_demographics", "replies", "reposts", "saves", "shares", "threads_clicks", "threads_follower_demographics",
        "threads_followers", "threads_likes", "threads_replies", "threads_reposts", "threads_views", "total_interactions", "views",
        "website_clicks",
    ];

    public static readonly string[] Periods = ["day", "days_28", "lifetime", "month", "total_over_range", "week"];

    public static readonly string[] MetricTypes = ["default", "time_series", "total_value"];

    /// <summary>The spec's breakdown enum, plus follower_type, which the reference documents for views.</summary>
    public static readonly string[] BreakdownEnum = ["age", "city", "contact_button_type", "country", "follow_type", "follower_type", "gender", "media_product_type"];

    public static readonly string[] Timeframes = ["last_14_days", "last_30_days", "last_90_days", "prev_month", "this_month", "this_week"];

    private static AccountMetric Counted(string name, string title, string description, string[] kinds, string[]? breakdowns = null, InsightAggregate aggregate = InsightAggregate.Sum, bool timeSeries = false, string[]? periods = null) =>
        new(name, title, description, AccountMetricShape.Counted, kinds, aggregate, periods ?? Day, timeSeries, TotalValue: true, breakdowns ?? None);

    private static AccountMetric Demographic(string name, string title, string audience) =>
        new(name, title, $"The demographic characteristics of the {audience}, including countries, cities and gender distribution.",
            AccountMetricShape.Demographic, None, InsightAggregate.DistinctActors, Lifetime, TimeSeries: false, TotalValue: true, Demography);

    private static readonly Dictionary<string, AccountMetric> All = new AccountMetric[]
    {
        Counted("accounts_engaged", "Accounts engaged", "The number of accounts that have interacted with your content, including in ads.", Interactions, aggregate: InsightAggregate.DistinctActors),
        Counted("comments", "Comments", "The number of comments on your posts, reels, videos and live videos.", [AccountFacts.Comment], ByProduct),
        Counted("likes", "Likes", "The number of likes on your posts, reels and videos.", [AccountFacts.Like], ByProduct),
        Counted("saves", "Saves", "The number of saves of your posts, reels and videos.", [InsightEventKinds.Save], ByProduct),
        Counted("shares", "Shares", "The number of shares of your posts, stories, reels, videos and live videos.", [InsightEventKinds.Share], ByProduct),
        Counted("total_interactions", "Content interactions", "The total number of post interactions, story interactions, reels interactions, video interactions and live video interactions, including any interactions on boosted content.", Interactions, ByProduct),
        Counted("follows_and_unfollows", "Follows and unfollows", "The number of accounts that followed you and the number of accounts that unfollowed you or left Instagram in the selected time period.", [AccountFacts.NewFollower, InsightEventKinds.Unfollow], ["follow_type"]),
        Counted("profile_links_taps", "Profile links taps", "The number of taps on your business address, call button, email button and text button.", [InsightEventKinds.ProfileLinkTap], ["contact_button_type"]),
        Counted("reach", "Accounts reached", "The number of unique accounts that have seen your content, at least once, including in ads.", [InsightEventKinds.View], ["media_product_type", "follow_type"], InsightAggregate.DistinctActors, timeSeries: true, periods: ["day", "week", "days_28"]),
        Counted("replies", "Replies", "The number of replies you received from your story, including text replies and quick reaction replies.", [InsightEventKinds.Reply]),
        Counted("reposts", "Reposts", "The number of times your content was reposted.", [InsightEventKinds.Repost]),
        Counted("views", "Views", "The number of times your content was played or displayed.", [InsightEventKinds.View], ["follower_type", "media_product_type"]),
        Counted("profile_views", "Profile views", "The number of times your profile was viewed.", [InsightEventKinds.ProfileView], timeSeries: true),
        Counted("website_clicks", "Website clicks", "The number of taps on the website link in your profile.", [InsightEventKinds.WebsiteClick], timeSeries: true),
        new("follower_count", "Follower count", "The number of accounts that started following you, each day.", AccountMetricShape.FollowerCount, [AccountFacts.NewFollower], InsightAggregate.Sum, Day, TimeSeries: true, TotalValue: false, None),
        new("online_followers", "Online followers", "The number of your followers who were active on your content in each hour of the day (UTC).", AccountMetricShape.OnlineFollowers, None, InsightAggregate.DistinctActors, Lifetime, TimeSeries: true, TotalValue: false, None),
        Demographic("engaged_audience_demographics", "Engaged audience demographics", "engaged audience"),
        Demographic("follower_demographics", "Follower demographics", "followers"),
        Demographic("reached_audience_demographics", "Reached audience demographics", "reached audience"),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The served metric named, or the error for one of the enum this server does not serve.</summary>
    public static AccountMetric Find(string name) =>
        All.TryGetValue(name, out var metric) ? metric : throw InsightErrors.NotServed(name);
}

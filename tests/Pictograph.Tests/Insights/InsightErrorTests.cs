using Pictograph.Data;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Insights;

/// <summary>What the insights edges refuse: missing and unknown parameters, retired metrics, ranges, combinations, permissions.</summary>
[Collection(InsightsCollection.Name)]
public sealed class InsightErrorTests(PictographServer server)
{
    [Theory]
    [InlineData("period=day", 100, "(#100) The parameter metric is required")]
    [InlineData("metric=reach", 100, "(#100) The parameter period is required")]
    [InlineData("metric=impressions&period=day", 100, "(#100) Starting from v22.0, the impressions metric is no longer supported. Please use views instead.")]
    [InlineData("metric=reach&period=decade", 100, "(#100) period must be one of the following values: day, days_28, lifetime, month, total_over_range, week")]
    [InlineData("metric=reach&period=day&metric_type=sometimes", 100, "(#100) metric_type must be one of the following values: default, time_series, total_value")]
    [InlineData("metric=reach&period=day&breakdown=colour", 100, "(#100) breakdown[0] must be one of the following values: age, city, contact_button_type, country, follow_type, follower_type, gender, media_product_type")]
    [InlineData("metric=views&period=day", 100, "(#100) The following metrics (views) should be specified with parameter metric_type=total_value")]
    [InlineData("metric=reach,likes,saves&period=day&metric_type=time_series", 100, "(#100) The following metrics (likes, saves) should be specified with parameter metric_type=total_value")]
    [InlineData("metric=reach&period=day&breakdown=media_product_type", 100, "(#100) Breakdowns are only supported with metric_type=total_value")]
    [InlineData("metric=reach&period=lifetime", 100, "(#100) Incompatible period (lifetime) for metric (reach); supported: day, week, days_28")]
    [InlineData("metric=reach&period=week&metric_type=total_value", 100, "(#100) Incompatible period (week) for metric (reach); supported: day")]
    [InlineData("metric=likes&period=day&metric_type=total_value&breakdown=follow_type", 1, "An unknown error has occurred.")]
    [InlineData("metric=reach,likes&period=day&metric_type=total_value&breakdown=follow_type", 1, "An unknown error has occurred.")]
    [InlineData("metric=threads_views&period=day", 3, "(#3) The threads_views metric is not available yet on this server")]
    [InlineData("metric=reach&period=day&since=1780000000&until=1782592001", 100, "(#100) There cannot be more than 30 days (2592000 s) between since and until")]
    [InlineData("metric=reach&period=day&since=1780000000&until=1779999999", 100, "(#100) The since parameter must be earlier than until")]
    [InlineData("metric=reach&period=day&since=yesterday", 100, "(#100) The parameter since must be a unix timestamp or a date, not \"yesterday\"")]
    public async Task Account_insights_refuse_bad_parameters(string query, int code, string message)
    {
        var account = await server.NewAccountAsync();
        var token = await server.InsightsTokenAsync();

        GraphAssert.Error(await server.GetAsync($"/v25.0/{account}/insights?{query}&access_token={token}"), 400, code, message: message);
    }

    [Fact]
    public async Task An_unknown_metric_is_named_by_position_with_every_valid_value()
    {
        var account = await server.NewAccountAsync();
        var token = await server.InsightsTokenAsync();

        var error = GraphAssert.Error(await server.GetAsync($"/{account}/insights?metric=reach,bogus&period=day&access_token={token}"), 400, 100);

        Assert.Equal(
            "(#100) metric[1] must be one of the following values: accounts_engaged, comments, content_views, engaged_audience_demographics, follower_count, "
            + "follower_demographics, follows_and_unfollows, likes, online_followers, profile_links_taps, profile_views, quotes, reach, reached_audience_demographics, "
            + "replies, reposts, saves, shares, threads_clicks, threads_follower_demographics, threads_followers, threads_likes, threads_replies, threads_reposts, "
            + "threads_views, total_interactions, views, website_clicks",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Insights_need_the_insights_permission_of_each_flavour()
    {
        var account = await server.NewAccountAsync();
        var post = (await server.NewPostAsync(account)).Id;
        var facebook = await server.InsightsTokenAsync("instagram_basic,pages_show_list,instagram_manage_comments");
        var instagram = await server.InstagramInsightsTokenAsync(account, "instagram_business_basic,instagram_business_manage_comments");

        foreach (var token in new[] { facebook, instagram })
        {
            foreach (var path in new[] { $"/{account}/insights?metric=reach&period=day", $"/{post}/insights?metric=reach" })
            {
                GraphAssert.Error(await server.GetAsync($"{path}&access_token={token}"), 403, 10, message: "(#10) Application does not have permission for this action");
            }
        }

        // The node's own permission is needed too.
        var insightsOnly = await server.InsightsTokenAsync("pages_show_list,instagram_manage_insights");
        GraphAssert.Error(await server.GetAsync($"/{account}/insights?metric=reach&period=day&access_token={insightsOnly}"), 403, 10);
    }

    [Fact]
    public async Task Someone_elses_account_is_not_reachable()
    {
        var account = await server.NewAccountAsync();
        var other = await server.NewAccountAsync();
        var token = await server.InstagramInsightsTokenAsync(account);

        GraphAssert.Error(await server.GetAsync($"/{other}/insights?metric=reach&period=day&access_token={token}"), 400, 100, subcode: 33);
    }

    [Fact]
    public async Task Media_insights_refuse_bad_parameters()
    {
        var account = await server.NewAccountAsync();
        var post = (await server.NewPostAsync(account)).Id;
        var token = await server.InsightsTokenAsync();
        async Task Refused(string query, int code, string message) =>
            GraphAssert.Error(await server.GetAsync($"/v25.0/{post}/insights?{query}&access_token={token}"), 400, code, message: message);

        await Refused("period=lifetime", 100, "(#100) The parameter metric is required");
        await Refused("metric=plays", 100, "(#100) Starting from v22.0, the plays metric is no longer supported. Please use views instead.");
        await Refused("metric=ig_reels_avg_watch_time", 3, "(#3) The ig_reels_avg_watch_time metric is not available yet on this server");
        await Refused("metric=reach&period=forever", 100, "(#100) period[0] must be one of the following values: day, days_28, lifetime, month, total_over_range, week");
        await Refused("metric=reach&breakdown=action_type", 1, "An unknown error has occurred.");
        await Refused("metric=reach&breakdown=mood", 100, "(#100) breakdown[0] must be one of the following values: action_type, follow_type, story_navigation_action_type, surface_type");
        var unknown = GraphAssert.Error(await server.GetAsync($"/{post}/insights?metric=reach,likes,nope&access_token={token}"), 400, 100);
        Assert.StartsWith("(#100) metric[2] must be one of the following values: clips_replays_count, comments, content_views,", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MediaProductType.Reels, "navigation")]
    [InlineData(MediaProductType.Reels, "follows")]
    [InlineData(MediaProductType.Reels, "profile_activity")]
    [InlineData(MediaProductType.Feed, "replies")]
    [InlineData(MediaProductType.Feed, "link_clicks")]
    public async Task A_metric_of_another_product_type_is_refused(MediaProductType product, string metric)
    {
        var account = await server.NewAccountAsync();
        var media = (await server.NewPostAsync(account, product, product == MediaProductType.Reels ? MediaType.Video : MediaType.Image)).Id;
        var token = await server.InsightsTokenAsync();

        GraphAssert.Error(await server.GetAsync($"/{media}/insights?metric=reach,{metric}&access_token={token}"), 400, 100,
            message: $"(#100) The Media Insights API does not support the {metric} metric for this media product type.");
    }

    [Fact]
    public async Task Album_children_have_no_insights()
    {
        var account = await server.NewAccountAsync();
        var album = (await server.NewPostAsync(account, type: MediaType.CarouselAlbum)).Id;
        var child = (await server.NewPostAsync(account, parentId: album)).Id;
        var token = await server.InsightsTokenAsync();

        GraphAssert.Error(await server.GetAsync($"/{child}/insights?metric=reach&access_token={token}"), 400, 100,
            message: "(#100) The Media Insights API does not support media that is part of a carousel album. Request insights on the album instead.");
        Assert.Equal(200, (await server.GetAsync($"/{album}/insights?metric=reach&access_token={token}")).Status);
    }
}

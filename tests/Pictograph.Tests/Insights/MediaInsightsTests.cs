using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Insights.InsightsWorld;

namespace Pictograph.Tests.Insights;

/// <summary><c>GET /{ig-media-id}/insights</c>: lifetime metrics of a post, a reel and a story.</summary>
[Collection(InsightsCollection.Name)]
public sealed class MediaInsightsTests(PictographServer server)
{
    private const string Metrics = "reach,views,likes,comments,saved,shares,reposts,total_interactions,follows,profile_visits,profile_activity";

    /// <summary>A feed post: 4 views by 2 people, 3 likes, 2 comments (one the owner's), 2 saves, a share, a repost, a follow, 2 profile visits, 4 profile actions.</summary>
    private async Task<(long Account, long Post)> PostAsync()
    {
        var account = await server.NewAccountAsync();
        var post = (await server.NewPostAsync(account)).Id;
        var p = await server.NewPeopleAsync(3);
        await server.AddEventsAsync(
        [
            Event(account, InsightEventKinds.View, Now - 100, post, p[0]),
            Event(account, InsightEventKinds.View, Now - 100, post, p[0]),
            Event(account, InsightEventKinds.View, Now - (20 * Day), post, p[1]),
            Event(account, InsightEventKinds.View, Now - 100, post),
            Event(account, InsightEventKinds.Save, Now - 100, post, p[0]),
            Event(account, InsightEventKinds.Save, Now - 100, post, p[1]),
            Event(account, InsightEventKinds.Share, Now - 100, post, p[2]),
            Event(account, InsightEventKinds.Repost, Now - 100, post, p[2]),
            Event(account, InsightEventKinds.Follow, Now - 100, post, p[2]),
            Event(account, InsightEventKinds.ProfileView, Now - 100, post, p[2]),
            Event(account, InsightEventKinds.ProfileView, Now - 100, post, p[1]),
            Event(account, InsightEventKinds.ProfileLinkTap, Now - 100, post, p[1], "CALL"),
            Event(account, InsightEventKinds.ProfileLinkTap, Now - 100, post, p[1], "EMAIL"),
            Event(account, InsightEventKinds.ProfileLinkTap, Now - 100, post, p[1], "BOOK_NOW"),
            Event(account, InsightEventKinds.WebsiteClick, Now - 100, post, p[2]),
            // Not about this post.
            Event(account, InsightEventKinds.ProfileView, Now - 100),
        ]);
        await server.LikeAsync(post, p, Now - 50);
        await server.CommentAsync(post, p[0], Now - 40);
        await server.CommentAsync(post, account, Now - 30);
        return (account, post);
    }

    private static Dictionary<string, long> Values(JsonElement json) =>
        json.GetProperty("data").EnumerateArray().ToDictionary(
            m => m.GetProperty("name").GetString()!,
            m => Assert.Single(m.GetProperty("values").EnumerateArray()).GetProperty("value").GetInt64());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_post_counts_its_lifetime_events_likes_and_comments(bool facebook)
    {
        var (account, post) = await PostAsync();
        var token = facebook ? await server.InsightsTokenAsync() : await server.InstagramInsightsTokenAsync(account);

        var response = await server.GetAsync($"/v25.0/{post}/insights?metric={Metrics}&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["reach"] = 2, ["views"] = 4, ["likes"] = 3, ["comments"] = 2, ["saved"] = 2, ["shares"] = 1, ["reposts"] = 1,
                // likes 3 + comments 2 + saves 2 + shares 1 + reposts 1
                ["total_interactions"] = 9, ["follows"] = 1, ["profile_visits"] = 2, ["profile_activity"] = 4,
            },
            Values(response.Json));
        Assert.False(response.Json.TryGetProperty("paging", out _));
    }

    [Fact]
    public async Task A_metric_has_the_graph_shape()
    {
        var (_, post) = await PostAsync();
        var token = await server.InsightsTokenAsync();

        var response = await server.GetAsync($"/v25.0/{post}/insights?metric=saved&period=lifetime&access_token={token}");

        Assert.Equal(
            $$"""{"data":[{"name":"saved","period":"lifetime","values":[{"value":2}],"title":"Saved","description":"The number of saves of your post.","id":"{{post}}/insights/saved/lifetime"}]}""",
            response.Body);
    }

    [Fact]
    public async Task Profile_activity_breaks_down_by_action_type()
    {
        var (_, post) = await PostAsync();
        var token = await server.InsightsTokenAsync();

        var response = await server.GetAsync($"/v25.0/{post}/insights?metric=profile_activity,reach&breakdown=action_type&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        var metrics = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["name", "period", "values", "title", "description", "total_value", "id"], GraphAssert.Names(metrics[0]));
        Assert.Equal(
            """{"value":4,"breakdowns":[{"dimension_keys":["action_type"],"results":[{"dimension_values":["BIO_LINK_CLICKED"],"value":1},{"dimension_values":["CALL"],"value":1},{"dimension_values":["EMAIL"],"value":1},{"dimension_values":["OTHER"],"value":1}]}]}""",
            metrics[0].GetProperty("total_value").GetRawText());
        // reach has no such breakdown: it answers its value alone.
        Assert.False(metrics[1].TryGetProperty("total_value", out _));
    }

    [Fact]
    public async Task Reels_and_facebook_only_totals()
    {
        var account = await server.NewAccountAsync();
        var reel = (await server.NewPostAsync(account, MediaProductType.Reels, MediaType.Video)).Id;
        await server.AddEventsAsync([Event(account, InsightEventKinds.View, Now - 10, reel), Event(account, InsightEventKinds.View, Now - 10, reel)]);
        await server.LikeAsync(reel, await server.NewPeopleAsync(1), Now - 5);

        var facebook = await server.GetAsync($"/{reel}/insights?metric=views,total_views,total_likes,likes,reach&access_token={await server.InsightsTokenAsync()}");
        Assert.True(facebook.Status == 200, facebook.Body);
        Assert.Equal(new Dictionary<string, long> { ["views"] = 2, ["total_views"] = 2, ["total_likes"] = 1, ["likes"] = 1, ["reach"] = 0 }, Values(facebook.Json));

        GraphAssert.Error(await server.GetAsync($"/{reel}/insights?metric=total_views&access_token={await server.InstagramInsightsTokenAsync(account)}"), 400, 100,
            message: "(#100) The total_views metric is only available with Facebook Login");
    }

    [Fact]
    public async Task A_story_needs_five_viewers_and_breaks_navigation_down()
    {
        var account = await server.NewAccountAsync();
        var story = await server.NewPostAsync(account, MediaProductType.Story);
        var viewers = await server.NewPeopleAsync(5);
        await server.AddEventsAsync(
        [
            .. viewers[..4].Select(v => Event(account, InsightEventKinds.View, Now - 60, story.Id, v)),
            Event(account, InsightEventKinds.View, Now - 60, story.Id),
            Event(account, InsightEventKinds.Navigation, Now - 50, story.Id, viewers[0], "TAP_FORWARD"),
            Event(account, InsightEventKinds.Navigation, Now - 50, story.Id, viewers[1], "TAP_FORWARD"),
            Event(account, InsightEventKinds.Navigation, Now - 50, story.Id, viewers[2], "TAP_EXIT"),
            Event(account, InsightEventKinds.Navigation, Now - 50, story.Id, viewers[3], "SWIPE_FORWARD"),
            Event(account, InsightEventKinds.Reply, Now - 40, story.Id, viewers[0]),
            Event(account, InsightEventKinds.LinkClick, Now - 40, story.Id, viewers[1]),
        ]);

        GraphAssert.Error(await StoryInsightsAsync(story, "metric=reach,navigation"), 400, 10, message: "(#10) Not enough viewers for the media to show insights");

        await server.AddEventsAsync([Event(account, InsightEventKinds.View, Now - 30, story.Id, viewers[4])]);
        var response = await StoryInsightsAsync(story, "metric=reach,views,navigation,replies,link_clicks,shares&breakdown=story_navigation_action_type");
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(new Dictionary<string, long> { ["reach"] = 5, ["views"] = 6, ["navigation"] = 4, ["replies"] = 1, ["link_clicks"] = 1, ["shares"] = 0 }, Values(response.Json));
        var navigation = response.Json.GetProperty("data")[2].GetProperty("total_value").GetRawText();
        Assert.Equal(
            """{"value":4,"breakdowns":[{"dimension_keys":["story_navigation_action_type"],"results":[{"dimension_values":["SWIPE_FORWARD"],"value":1},{"dimension_values":["TAP_EXIT"],"value":1},{"dimension_values":["TAP_FORWARD"],"value":2}]}]}""",
            navigation);
        GraphAssert.Error(await StoryInsightsAsync(story, "metric=likes"), 400, 100, message: "(#100) The Media Insights API does not support the likes metric for this media product type.");

        // The story_insights webhook's numbers come from the same events.
        using var scope = server.Services.CreateScope();
        var values = await StoryInsights.ComputeAsync(scope.ServiceProvider.GetRequiredService<PictographDb>(), story.Id, CancellationToken.None);
        Assert.Equal(new StoryInsightValues(Impressions: 6, Reach: 5, TapsForward: 2, TapsBack: 0, Exits: 1, Replies: 1), values);
    }

    private async Task<GraphResponse> StoryInsightsAsync(Data.Media story, string query) =>
        await server.GetAsync($"/{story.Id}/insights?{query}&access_token={await server.InsightsTokenAsync()}");
}

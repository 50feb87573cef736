using System.Text.Json;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Insights.InsightsWorld;

namespace Pictograph.Tests.Insights;

/// <summary><c>GET /{ig-user-id}/insights</c>: totals, breakdowns, series and paging over a known set of events on a fresh account.</summary>
[Collection(InsightsCollection.Name)]
public sealed class AccountInsightsTests(PictographServer server)
{
    private const string Counted = "views,reach,likes,comments,saves,shares,replies,reposts,total_interactions,accounts_engaged,profile_views,website_clicks";

    /// <summary>An account with a post, a reel and an album, six people (two of them followers), and an hour-old day of activity.</summary>
    private sealed record World(long Account, long Post, long Reel, long Album, List<long> People);

    private async Task<World> WorldAsync()
    {
        var account = await server.NewAccountAsync();
        var post = (await server.NewPostAsync(account)).Id;
        var reel = (await server.NewPostAsync(account, MediaProductType.Reels, MediaType.Video)).Id;
        var album = (await server.NewPostAsync(account, type: MediaType.CarouselAlbum)).Id;
        var v = await server.NewPeopleAsync(7);
        var hourAgo = Now - 3600;
        await server.FollowAsync(account, [v[0], v[1]], Now - (50 * Day));
        await server.FollowAsync(account, [v[5]], Now - 7200);
        await server.AddEventsAsync(
        [
            Event(account, InsightEventKinds.View, hourAgo, post, v[0]),
            Event(account, InsightEventKinds.View, hourAgo, post, v[0]),
            Event(account, InsightEventKinds.View, hourAgo, post, v[1]),
            Event(account, InsightEventKinds.View, hourAgo, reel, v[2]),
            Event(account, InsightEventKinds.View, hourAgo, album, v[3]),
            Event(account, InsightEventKinds.View, hourAgo, post),
            Event(account, InsightEventKinds.View, hourAgo, post),
            // Two days old: outside the default 24 hours.
            Event(account, InsightEventKinds.View, Now - (2 * Day), post, v[4]),
            Event(account, InsightEventKinds.Save, hourAgo, post, v[0]),
            Event(account, InsightEventKinds.Save, hourAgo, reel, v[1]),
            Event(account, InsightEventKinds.Share, hourAgo, post, v[2]),
            Event(account, InsightEventKinds.Reply, hourAgo, actor: v[5]),
            Event(account, InsightEventKinds.Repost, hourAgo, reel, v[3]),
            Event(account, InsightEventKinds.ProfileView, hourAgo, actor: v[6]),
            Event(account, InsightEventKinds.ProfileView, hourAgo),
            Event(account, InsightEventKinds.ProfileView, hourAgo, post, v[0]),
            Event(account, InsightEventKinds.WebsiteClick, hourAgo),
            Event(account, InsightEventKinds.WebsiteClick, hourAgo, actor: v[6]),
            Event(account, InsightEventKinds.ProfileLinkTap, hourAgo, detail: "CALL"),
            Event(account, InsightEventKinds.ProfileLinkTap, hourAgo, detail: "CALL"),
            Event(account, InsightEventKinds.ProfileLinkTap, hourAgo, detail: "EMAIL"),
            Event(account, InsightEventKinds.ProfileLinkTap, hourAgo),
            Event(account, InsightEventKinds.Unfollow, hourAgo, actor: v[4]),
            Event(account, InsightEventKinds.Unfollow, hourAgo),
        ]);
        await server.LikeAsync(post, [v[0], v[1]], Now - 600);
        await server.LikeAsync(reel, [v[2]], Now - (3 * Day));
        await server.CommentAsync(post, v[4], Now - 600);
        // The owner's own comment is not engagement.
        await server.CommentAsync(post, account, Now - 500);
        return new World(account, post, reel, album, v);
    }

    private async Task<JsonElement> OkAsync(string pathAndQuery, string? token = null)
    {
        token ??= await server.InsightsTokenAsync();
        var response = await server.GetAsync($"{pathAndQuery}&access_token={token}");
        Assert.True(response.Status == 200, response.Body);
        return response.Json;
    }

    private static Dictionary<string, JsonElement> ByName(JsonElement json) =>
        json.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

    private static List<(string Values, long Value)> Results(JsonElement metric) =>
        [.. Assert.Single(metric.GetProperty("total_value").GetProperty("breakdowns").EnumerateArray()).GetProperty("results").EnumerateArray()
            .Select(r => (string.Join('|', r.GetProperty("dimension_values").EnumerateArray().Select(v => v.GetString())), r.GetProperty("value").GetInt64()))];

    [Fact]
    public async Task Totals_of_every_counted_metric_cover_the_last_24_hours()
    {
        var world = await WorldAsync();

        var metrics = ByName(await OkAsync($"/v25.0/{world.Account}/insights?metric={Counted}&period=day&metric_type=total_value"));

        var totals = metrics.ToDictionary(m => m.Key, m => m.Value.GetProperty("total_value").GetProperty("value").GetInt64());
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["views"] = 7, ["reach"] = 4, ["likes"] = 2, ["comments"] = 1, ["saves"] = 2, ["shares"] = 1, ["replies"] = 1, ["reposts"] = 1,
                // likes 2 + comments 1 + saves 2 + shares 1 + replies 1 + reposts 1; by six distinct people.
                ["total_interactions"] = 8, ["accounts_engaged"] = 6, ["profile_views"] = 3, ["website_clicks"] = 2,
            },
            totals);
        Assert.Equal(Counted.Split(','), metrics.Keys);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_total_has_the_graph_shape_with_paging_by_the_same_span(bool facebook)
    {
        var world = await WorldAsync();
        var token = facebook ? await server.InsightsTokenAsync() : await server.InstagramInsightsTokenAsync(world.Account);
        var (since, until) = (Now - (2 * Day), Now);

        var response = await server.GetAsync($"/v25.0/{world.Account}/insights?metric=saves&period=day&metric_type=total_value&since={since}&until={until}&access_token={token}");

        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        string Link(long s, long u) => $"{origin}/v25.0/{world.Account}/insights?access_token={token}&metric=saves&period=day&metric_type=total_value&since={s}&until={u}";
        Assert.Equal(
            $$$"""{"data":[{"name":"saves","period":"day","title":"Saves","description":"The number of saves of your posts, reels and videos.","total_value":{"value":2},"id":"{{{world.Account}}}/insights/saves/day"}],"paging":{"previous":"{{{Link(since - (2 * Day), since)}}}","next":"{{{Link(until, until + (2 * Day))}}}"}}""",
            response.Body);
        var previous = await server.GetAsync(response.Json.GetProperty("paging").GetProperty("previous").GetString()!);
        Assert.Equal(0, ByName(previous.Json)["saves"].GetProperty("total_value").GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task Breakdowns_split_totals_by_product_follow_type_and_button()
    {
        var world = await WorldAsync();
        var url = $"/v25.0/{world.Account}/insights?period=day&metric_type=total_value";

        var reachByProduct = ByName(await OkAsync($"{url}&metric=reach,likes&breakdown=media_product_type"));
        Assert.Equal(4, reachByProduct["reach"].GetProperty("total_value").GetProperty("value").GetInt64());
        Assert.Equal(["media_product_type"], Assert.Single(reachByProduct["reach"].GetProperty("total_value").GetProperty("breakdowns").EnumerateArray()).GetProperty("dimension_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal([("CAROUSEL_CONTAINER", 1L), ("POST", 2L), ("REEL", 1L)], Results(reachByProduct["reach"]));
        Assert.Equal([("POST", 2L)], Results(reachByProduct["likes"]));

        var reachByFollow = ByName(await OkAsync($"{url}&metric=reach&breakdown=follow_type"));
        Assert.Equal([("FOLLOWER", 2L), ("NON_FOLLOWER", 2L)], Results(reachByFollow["reach"]));

        var views = ByName(await OkAsync($"{url}&metric=views&breakdown=follower_type,media_product_type"));
        Assert.Equal(
            [("FOLLOWER|POST", 3L), ("NON_FOLLOWER|CAROUSEL_CONTAINER", 1L), ("NON_FOLLOWER|REEL", 1L), ("UNKNOWN|POST", 2L)],
            Results(views["views"]));

        var taps = ByName(await OkAsync($"{url}&metric=profile_links_taps&breakdown=contact_button_type"));
        Assert.Equal(4, taps["profile_links_taps"].GetProperty("total_value").GetProperty("value").GetInt64());
        Assert.Equal([("CALL", 2L), ("EMAIL", 1L), ("UNDEFINED", 1L)], Results(taps["profile_links_taps"]));

        var follows = ByName(await OkAsync($"{url}&metric=follows_and_unfollows&breakdown=follow_type"));
        Assert.Equal(3, follows["follows_and_unfollows"].GetProperty("total_value").GetProperty("value").GetInt64());
        Assert.Equal([("FOLLOWER", 1L), ("NON_FOLLOWER", 2L)], Results(follows["follows_and_unfollows"]));
    }

    /// <summary>Views: p0, p1 two days ago; p0 twice yesterday; p2 and p0 today. Profile views: three yesterday.</summary>
    private async Task<(long Account, List<long> People)> DaysAsync()
    {
        var account = await server.NewAccountAsync();
        var post = (await server.NewPostAsync(account)).Id;
        var p = await server.NewPeopleAsync(3);
        await server.AddEventsAsync(
        [
            Event(account, InsightEventKinds.View, Today - (2 * Day) + 100, post, p[0]),
            Event(account, InsightEventKinds.View, Today - (2 * Day) + 200, post, p[1]),
            Event(account, InsightEventKinds.View, Today - Day + 100, post, p[0]),
            Event(account, InsightEventKinds.View, Today - Day + 200, post, p[0]),
            Event(account, InsightEventKinds.View, Today + 100, post, p[2]),
            Event(account, InsightEventKinds.View, Today + 200, post, p[0]),
            Event(account, InsightEventKinds.ProfileView, Today - Day + 300),
            Event(account, InsightEventKinds.ProfileView, Today - Day + 400),
            Event(account, InsightEventKinds.ProfileView, Today - Day + 500),
        ]);
        return (account, p);
    }

    private static List<(long Value, string EndTime)> Values(JsonElement metric) =>
        [.. metric.GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("value").GetInt64(), v.GetProperty("end_time").GetString()!))];

    [Fact]
    public async Task A_time_series_has_a_value_per_utc_day_ending_at_the_next_midnight()
    {
        var (account, _) = await DaysAsync();
        var since = Today - (2 * Day);

        var metrics = ByName(await OkAsync($"/v25.0/{account}/insights?metric=reach,profile_views&period=day&metric_type=time_series&since={since}&until={Now}"));

        Assert.Equal([(2L, Ts(Today - Day)), (1L, Ts(Today)), (2L, Ts(Today + Day))], Values(metrics["reach"]));
        Assert.Equal([(0L, Ts(Today - Day)), (3L, Ts(Today)), (0L, Ts(Today + Day))], Values(metrics["profile_views"]));
        Assert.Equal("2026-06-01T00:00:00+0000", metrics["reach"].GetProperty("values")[1].GetProperty("end_time").GetString());
        Assert.Equal(["name", "period", "values", "title", "description", "id"], GraphAssert.Names(metrics["reach"]));
        Assert.Equal($"{account}/insights/reach/day", metrics["reach"].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reach_is_a_series_by_default_and_dates_read_as_utc_days()
    {
        var (account, _) = await DaysAsync();

        var json = await OkAsync($"/v25.0/{account}/insights?metric=reach&period=day&since=2026-05-30&until=2026-06-01");

        Assert.Equal([(2L, Ts(Today - Day)), (1L, Ts(Today))], Values(ByName(json)["reach"]));
        var next = new Uri(json.GetProperty("paging").GetProperty("next").GetString()!).Query;
        Assert.Contains($"since={Today}&until={Today + (2 * Day)}", next, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("week")]
    [InlineData("days_28")]
    public async Task Rolling_periods_count_distinct_accounts_over_the_days_ending_each_day(string period)
    {
        var (account, _) = await DaysAsync();

        var json = await OkAsync($"/v25.0/{account}/insights?metric=reach&period={period}&since={Today - (2 * Day)}&until={Now}");

        var reach = ByName(json)["reach"];
        Assert.Equal(period, reach.GetProperty("period").GetString());
        Assert.Equal([(2L, Ts(Today - Day)), (2L, Ts(Today)), (3L, Ts(Today + Day))], Values(reach));
    }

    [Fact]
    public async Task Follower_count_needs_100_followers_and_counts_new_ones_per_day()
    {
        var account = await server.NewAccountAsync();
        var followers = await server.NewPeopleAsync(100);
        await server.FollowAsync(account, followers[..99], Today - (3 * Day) + 50);
        var url = $"/v25.0/{account}/insights?metric=follower_count&period=day&since={Today - (3 * Day)}&until={Today}";
        var token = await server.InsightsTokenAsync();

        GraphAssert.Error(await server.GetAsync($"{url}&access_token={token}"), 400, 10, message: "(#10) Not enough followers for the account to show insights");

        await server.FollowAsync(account, followers[99..], Today - Day + 50);
        var json = await OkAsync(url, token);
        Assert.Equal([(99L, Ts(Today - (2 * Day))), (0L, Ts(Today - Day)), (1L, Ts(Today))], Values(ByName(json)["follower_count"]));

        GraphAssert.Error(await server.GetAsync($"/{account}/insights?metric=follower_count&period=day&since={Now - (31 * Day)}&until={Now - (25 * Day)}&access_token={token}"), 400, 100,
            message: "(#100) The follower_count metric is only available for the last 30 days");
        GraphAssert.Error(await server.GetAsync($"/{account}/insights?metric=follower_count&period=day&metric_type=total_value&access_token={token}"), 400, 100,
            message: "(#100) The following metrics (follower_count) should be specified with parameter metric_type=time_series");

        // online_followers: distinct followers seen on the account's content, per UTC hour.
        var post = (await server.NewPostAsync(account)).Id;
        var stranger = (await server.NewPeopleAsync(1))[0];
        await server.AddEventsAsync(
        [
            Event(account, InsightEventKinds.View, Today + (5 * 3600) + 10, post, followers[0]),
            Event(account, InsightEventKinds.View, Today + (5 * 3600) + 20, post, followers[1]),
            Event(account, InsightEventKinds.View, Today + (5 * 3600) + 30, post, followers[0]),
            Event(account, InsightEventKinds.View, Today + (9 * 3600), post, followers[2]),
            Event(account, InsightEventKinds.View, Today + (9 * 3600), post, stranger),
        ]);
        var online = ByName(await OkAsync($"/v25.0/{account}/insights?metric=online_followers&period=lifetime&since={Today}&until={Now}", token))["online_followers"];
        var value = Assert.Single(online.GetProperty("values").EnumerateArray());
        Assert.Equal(Ts(Today + Day), value.GetProperty("end_time").GetString());
        var hours = value.GetProperty("value").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(24, hours.Count);
        Assert.Equal(2, hours["5"]);
        Assert.Equal(1, hours["9"]);
        Assert.Equal(3, hours.Values.Sum());
    }

    [Fact]
    public async Task An_instagram_login_token_reads_the_same_numbers()
    {
        var world = await WorldAsync();
        var token = await server.InstagramInsightsTokenAsync(world.Account);

        var facebook = await OkAsync($"/v25.0/{world.Account}/insights?metric={Counted}&period=day&metric_type=total_value");
        var instagram = await OkAsync($"/v25.0/me/insights?metric={Counted}&period=day&metric_type=total_value", token);

        Assert.Equal(facebook.GetProperty("data").GetRawText(), instagram.GetProperty("data").GetRawText());
    }
}

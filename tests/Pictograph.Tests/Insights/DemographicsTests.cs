using System.Globalization;
using System.Text.Json;
using Pictograph.Insights;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Insights.InsightsWorld;

namespace Pictograph.Tests.Insights;

/// <summary>follower_demographics, reached_audience_demographics and engaged_audience_demographics, from the audience's profiles.</summary>
[Collection(InsightsCollection.Name)]
public sealed class DemographicsTests(PictographServer server)
{
    /// <summary>
    /// Fifty followers, each in a city of their own: 30 in the US, 20 in GB; even ones F, odd ones M; the
    /// first ten born in 2000 (25-34 in 2026), the others in 1990 (35-44).
    /// </summary>
    private async Task<(long Account, List<long> Followers)> AudienceAsync()
    {
        var account = await server.NewAccountAsync();
        var followers = await server.NewPeopleAsync(50, (i, a) =>
        {
            a.Country = i < 30 ? "US" : "GB";
            a.City = string.Create(CultureInfo.InvariantCulture, $"City {i:00}");
            a.Gender = i % 2 == 0 ? "F" : "M";
            a.BirthYear = i < 10 ? 2000 : 1990;
            return a;
        });
        await server.FollowAsync(account, followers, Now - (60 * Day));
        return (account, followers);
    }

    private async Task<JsonElement> MetricAsync(string query, string version = "v25.0")
    {
        var token = await server.InsightsTokenAsync();
        var response = await server.GetAsync($"/{version}/{query}&access_token={token}");
        Assert.True(response.Status == 200, response.Body);
        return Assert.Single(response.Json.GetProperty("data").EnumerateArray());
    }

    private static JsonElement Breakdown(JsonElement metric) =>
        Assert.Single(metric.GetProperty("total_value").GetProperty("breakdowns").EnumerateArray());

    private static List<(string, long)> Results(JsonElement metric) =>
        [.. Breakdown(metric).GetProperty("results").EnumerateArray()
            .Select(r => (string.Join('|', r.GetProperty("dimension_values").EnumerateArray().Select(v => v.GetString())), r.GetProperty("value").GetInt64()))];

    [Fact]
    public async Task Follower_demographics_count_followers_by_each_dimension_largest_first()
    {
        var (account, _) = await AudienceAsync();
        var url = $"{account}/insights?metric=follower_demographics&period=lifetime&metric_type=total_value";

        var country = await MetricAsync($"{url}&breakdown=country");
        Assert.Equal([("US", 30L), ("GB", 20L)], Results(country));
        Assert.Equal(["country"], Breakdown(country).GetProperty("dimension_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["name", "period", "title", "description", "total_value", "id"], GraphAssert.Names(country));
        Assert.Equal(["breakdowns"], GraphAssert.Names(country.GetProperty("total_value")));
        Assert.Equal($"{account}/insights/follower_demographics/lifetime", country.GetProperty("id").GetString());

        Assert.Equal([("35-44", 40L), ("25-34", 10L)], Results(await MetricAsync($"{url}&breakdown=age")));
        Assert.Equal([("F", 25L), ("M", 25L)], Results(await MetricAsync($"{url}&breakdown=gender")));
        Assert.Equal([("US|F", 15L), ("US|M", 15L), ("GB|F", 10L), ("GB|M", 10L)], Results(await MetricAsync($"{url}&breakdown=country,gender")));

        // Only the top 45 of the 50 cities (ties in name order).
        var cities = Results(await MetricAsync($"{url}&breakdown=city"));
        Assert.Equal(Demographics.Top, cities.Count);
        Assert.Equal(("City 00", 1L), cities[0]);
        Assert.Equal(("City 44", 1L), cities[^1]);

        var withTimeframe = await MetricAsync($"{url}&breakdown=country&timeframe=this_month");
        Assert.Equal(["timeframe", "country"], Breakdown(withTimeframe).GetProperty("dimension_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal([("THIS_MONTH|US", 30L), ("THIS_MONTH|GB", 20L)], Results(withTimeframe));
    }

    [Fact]
    public async Task Reached_and_engaged_audiences_are_the_viewers_and_the_engaged_of_the_timeframe()
    {
        var (account, f) = await AudienceAsync();
        var post = (await server.NewPostAsync(account)).Id;
        await server.AddEventsAsync(
        [
            Event(account, InsightEventKinds.View, Now - 3600, post, f[0]),
            Event(account, InsightEventKinds.View, Now - 3600, post, f[1]),
            Event(account, InsightEventKinds.View, Now - 3000, post, f[1]),
            Event(account, InsightEventKinds.View, Now - 3600, post, f[31]),
            // Last month: outside this_week (2026-06-01 is a Monday) and this_month.
            Event(account, InsightEventKinds.View, Now - (3 * Day), post, f[32]),
            Event(account, InsightEventKinds.Save, Now - 600, post, f[3]),
        ]);
        await server.LikeAsync(post, [f[2]], Now - 600);

        var reached = await MetricAsync($"{account}/insights?metric=reached_audience_demographics&period=lifetime&metric_type=total_value&breakdown=country&timeframe=this_week");
        Assert.Equal([("THIS_WEEK|US", 2L), ("THIS_WEEK|GB", 1L)], Results(reached));

        var engaged = await MetricAsync($"{account}/insights?metric=engaged_audience_demographics&period=lifetime&metric_type=total_value&breakdown=gender&timeframe=this_month");
        Assert.Equal([("THIS_MONTH|F", 1L), ("THIS_MONTH|M", 1L)], Results(engaged));

        // v19.0 expired on 2026-05-21, before the fixture's clock: v20.0 answers it, without the longer timeframes.
        var older = await server.GetAsync($"/v19.0/{account}/insights?metric=reached_audience_demographics&period=lifetime&metric_type=total_value&breakdown=country&timeframe=last_30_days&access_token={await server.InsightsTokenAsync()}");
        GraphAssert.Error(older, 400, 100, message: "(#100) The timeframe last_30_days is not supported for demographic metrics from v20.0; use this_week or this_month");
    }

    [Fact]
    public async Task Before_v20_the_longer_timeframes_still_apply()
    {
        // A server that keeps v19.0 available past the fixture's clock.
        await using var own = await OwnServer.StartAsync("--Pictograph:ApiVersions:v19.0:AvailableUntil=2027-01-01");
        var account = await own.Server.NewAccountAsync();
        var token = await own.Server.InsightsTokenAsync();
        var query = $"{account}/insights?metric=reached_audience_demographics&period=lifetime&metric_type=total_value&breakdown=country&timeframe=last_30_days&access_token={token}";

        var older = await own.Server.GetAsync($"/v19.0/{query}");
        var current = await own.Server.GetAsync($"/v20.0/{query}");

        Assert.True(older.Status == 200, older.Body);
        Assert.Equal("reached_audience_demographics", Assert.Single(older.Json.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());
        GraphAssert.Error(current, 400, 100);
    }

    [Theory]
    [InlineData("metric=reached_audience_demographics&period=lifetime&metric_type=total_value&breakdown=country", "(#100) The parameter timeframe is required for the metric reached_audience_demographics")]
    [InlineData("metric=follower_demographics&period=lifetime&metric_type=total_value", "(#100) The metric follower_demographics requires a breakdown: age, city, country or gender")]
    [InlineData("metric=engaged_audience_demographics&period=lifetime&metric_type=total_value&breakdown=age&timeframe=last_90_days", "(#100) The timeframe last_90_days is not supported for demographic metrics from v20.0; use this_week or this_month")]
    [InlineData("metric=follower_demographics&period=lifetime&breakdown=age", "(#100) The following metrics (follower_demographics) should be specified with parameter metric_type=total_value")]
    [InlineData("metric=follower_demographics&period=day&metric_type=total_value&breakdown=age", "(#100) Incompatible period (day) for metric (follower_demographics); supported: lifetime")]
    [InlineData("metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown=age&timeframe=yesterday", "(#100) timeframe must be one of the following values: last_14_days, last_30_days, last_90_days, prev_month, this_month, this_week")]
    public async Task Demographics_need_their_parameters(string query, string message)
    {
        var account = await server.NewAccountAsync();
        var token = await server.InsightsTokenAsync();

        GraphAssert.Error(await server.GetAsync($"/v25.0/{account}/insights?{query}&access_token={token}"), 400, 100, message: message);
    }
}

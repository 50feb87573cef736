using Pictograph.Insights;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Insights.InsightsWorld;

namespace Pictograph.Tests.Insights;

/// <summary>No N+1: one grouped statement per source table, however many days or metrics are asked for.</summary>
[Collection(InsightsCollection.Name)]
public sealed class QueryCountTests(PictographServer server)
{
    [Fact]
    public async Task Thirty_days_of_every_metric_cost_what_one_day_of_one_costs_per_source()
    {
        var account = await server.NewAccountAsync();
        var post = (await server.NewPostAsync(account)).Id;
        var people = await server.NewPeopleAsync(3);
        await server.AddEventsAsync(Enumerable.Range(0, 30).SelectMany(day => new[]
        {
            Event(account, InsightEventKinds.View, Now - (day * Day) - 60, post, people[day % 3]),
            Event(account, InsightEventKinds.ProfileView, Now - (day * Day) - 60),
            Event(account, InsightEventKinds.Save, Now - (day * Day) - 60, post, people[0]),
        }));
        await server.LikeAsync(post, people, Now - 60);
        var token = await server.InsightsTokenAsync();
        string Url(string metrics, string type, long days) =>
            $"/v25.0/{account}/insights?metric={metrics}&period=day&metric_type={type}&since={Now - (days * Day)}&until={Now}&access_token={token}";

        using var counter = new StatementCounter(server.DataDirectory);
        var oneDay = await FewestStatementsAsync(counter, Url("reach", "time_series", 1));
        var month = await FewestStatementsAsync(counter, Url("reach,profile_views,website_clicks", "time_series", 30));
        var events = await FewestStatementsAsync(counter, Url("views,reach,saves,shares,replies,reposts,profile_views,website_clicks", "total_value", 30));
        var everySource = await FewestStatementsAsync(counter, Url("views,likes,comments,saves,total_interactions,accounts_engaged,follows_and_unfollows", "total_value", 30));

        Assert.Equal(oneDay, month);
        Assert.Equal(oneDay, events);
        // Likes, comments and follows add one statement each.
        Assert.Equal(oneDay + 3, everySource);
    }

    private async Task<int> FewestStatementsAsync(StatementCounter counter, string url) =>
        (await counter.FewestOfAsync(async () =>
        {
            var response = await server.GetAsync(url);
            Assert.True(response.Status == 200, response.Body);
        }, runs: 3)).Count;
}

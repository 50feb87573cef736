using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Seed;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Insights;

/// <summary>The demo world's insights: a month of events for the professional accounts and profiles for demographics.</summary>
[Collection(ServerCollection.Name)]
public sealed class DemoInsightsTests(PictographServer server)
{
    [Theory]
    [InlineData("example_shop")]
    [InlineData("studio.creator")]
    public async Task The_professional_accounts_have_a_month_of_insights(string username)
    {
        var account = server.Account(username).Id;
        var token = await server.IssueTokenAsync(account, TokenFlavour.InstagramLogin, InsightsWorld.InstagramScopes);
        var since = InsightsWorld.Now - (30 * InsightsWorld.Day);

        var totals = await server.GetAsync($"/v25.0/me/insights?metric=views,reach,saves,shares,profile_views,profile_links_taps,website_clicks,follows_and_unfollows,total_interactions&period=day&metric_type=total_value&since={since}&until={InsightsWorld.Now}&access_token={token}");
        var demographics = await server.GetAsync($"/v25.0/me/insights?metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown=country&access_token={token}");

        Assert.True(totals.Status == 200, totals.Body);
        Assert.All(totals.Json.GetProperty("data").EnumerateArray(), m => Assert.True(m.GetProperty("total_value").GetProperty("value").GetInt64() > 0, m.GetRawText()));
        Assert.True(demographics.Status == 200, demographics.Body);
        Assert.NotEmpty(demographics.Json.GetProperty("data")[0].GetProperty("total_value").GetProperty("breakdowns")[0].GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void The_demo_story_has_viewers_and_navigation_and_every_demo_account_a_profile()
    {
        var shop = server.Account("example_shop").Id;
        var story = server.AllMedia("example_shop").Single(m => m.ProductType == MediaProductType.Story);

        var kinds = server.Read(db => db.InsightEvents.AsNoTracking().Where(e => e.MediaId == story.Id).Select(e => e.Kind).Distinct().ToList());
        var viewers = server.Read(db => db.InsightEvents.AsNoTracking().Where(e => e.MediaId == story.Id && e.Kind == InsightEventKinds.View && e.ActorId != null).Select(e => e.ActorId).Distinct().Count());

        Assert.Superset(new HashSet<string> { InsightEventKinds.View, InsightEventKinds.Navigation, InsightEventKinds.Reply }, kinds.ToHashSet());
        Assert.True(viewers >= MediaInsights.MinStoryViewers);
        Assert.All(server.Read(db => db.Accounts.AsNoTracking().Where(a => a.Username == DemoWorld.PersonalUsername || a.Id == shop).ToList()),
            a => Assert.True(a.Country is not null && a.City is not null && a.Gender is not null && a.BirthYear is not null));
    }
}

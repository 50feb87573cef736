using Pictograph.Data;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary>The rolling 24-hour quota, stories leaving after a day, and publishing with Facebook Login: servers of their own, as they move the clock.</summary>
public sealed class PublishingQuotaTests
{
    [Fact]
    public async Task Publishing_beyond_the_quota_is_refused_until_the_window_rolls_on()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:PublishingQuota=2");
        var server = own.Server;
        var me = await server.NewPublisherAsync();
        List<long> items = [await server.AddContainerAsync(me.Id)];
        Assert.Equal(200, (await server.PublishAsync(me, items[0])).Status);
        server.Clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            items.Add(await server.AddContainerAsync(me.Id));
        }

        Assert.Equal(200, (await server.PublishAsync(me, items[1])).Status);

        GraphAssert.Error(await server.PublishAsync(me, items[2]), 400, 9, 2207042);
        var limit = await server.GetAsync($"/me/content_publishing_limit?fields=quota_usage,config&access_token={me.Token}");
        Assert.Equal("""{"data":[{"quota_usage":2,"config":{"quota_total":2,"quota_duration":86400}}]}""", limit.Body);
        Assert.Equal("FINISHED", (await server.StatusAsync(me, items[2])).Json.GetProperty("status_code").GetString());

        // 23 hours later the first post has left the window; the containers are still young enough.
        server.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(200, (await server.PublishAsync(me, items[2])).Status);
        GraphAssert.Error(await server.PublishAsync(me, items[3]), 400, 9, 2207042);
        var since = server.Now() - 60;
        var recent = await server.GetAsync($"/me/content_publishing_limit?since={since}&access_token={me.Token}");
        Assert.Equal("""{"data":[{"quota_usage":1}]}""", recent.Body);
    }

    [Fact]
    public async Task A_published_story_is_on_the_stories_edge_for_24_hours()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id, ContainerKind.Stories);

        var story = (await server.PublishAsync(me, container)).CreatedId();

        var read = await server.GetAsync($"/me/stories?fields=id,media_type,media_product_type&access_token={me.Token}");
        Assert.Equal([DemoData.Id(story)], GraphAssert.Ids(read.Json));
        Assert.Equal("STORY", read.Json.GetProperty("data")[0].GetProperty("media_product_type").GetString());
        Assert.Empty(GraphAssert.Ids((await server.GetAsync($"/me/media?access_token={me.Token}")).Json));
        server.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Empty(GraphAssert.Ids((await server.GetAsync($"/me/stories?access_token={me.Token}")).Json));
    }

    [Fact]
    public async Task A_page_manager_publishes_with_a_facebook_token()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.DeveloperTokenAsync(PublishingWorld.FacebookScopes);
        var shop = server.Account(BusinessWorld.Shop).Id;
        var container = await server.AddContainerAsync(shop, caption: "From the Page");

        var status = await server.GetAsync($"/{container}?fields=id,status_code&access_token={token}");
        var published = await server.PostFormAsync($"/{shop}/media_publish", ("creation_id", DemoData.Id(container)), ("access_token", token));
        var limit = await server.GetAsync($"/{shop}/content_publishing_limit?access_token={token}");
        var withoutPermission = await server.PostFormAsync($"/{shop}/media", ("image_url", "https://example.com/a.jpg"), ("access_token", await server.DeveloperTokenAsync(BusinessWorld.FacebookScopes)));

        Assert.Equal("FINISHED", status.Json.GetProperty("status_code").GetString());
        var id = published.CreatedId();
        Assert.Equal(shop, server.Read(db => db.Media.Single(m => m.Id == id).OwnerId));
        Assert.Equal("""{"data":[{"quota_usage":1}]}""", limit.Body);
        GraphAssert.Error(withoutPermission, 403, 10);
    }
}

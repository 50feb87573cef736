using Pictograph.Data;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.Webhooks;

namespace Pictograph.Tests.Publishing;

/// <summary>What publishing tells subscribed apps: a caption's @-mention at once, a story's results when it expires.</summary>
public sealed class PublishingWebhookTests(WebhookServer world) : IClassFixture<WebhookServer>, IAsyncLifetime
{
    private PictographServer Server => world.Server;

    public Task InitializeAsync() => world.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Publisher> ShopAsync()
    {
        var shop = Server.Account(CommentWorld.Shop);
        return new Publisher(shop.Id, shop.Username, await Server.IssueTokenAsync(shop.Id, TokenFlavour.InstagramLogin, PublishingWorld.InstagramScopes));
    }

    [Fact]
    public async Task A_published_caption_that_mentions_an_account_is_posted_to_its_apps()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Creator, "mentions");
        var shop = await ShopAsync();
        var container = await Server.AddContainerAsync(shop.Id, caption: "With @studio.creator today");

        var mediaId = (await Server.PublishAsync(shop, container)).CreatedId();
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        var body = Server.AssertSigned(post);
        var entry = body.GetProperty("entry")[0];
        Assert.Equal(DemoData.Id(Server.Account(CommentWorld.Creator).Id), entry.GetProperty("id").GetString());
        Assert.Equal(
            $$$"""[{"field":"mentions","value":{"media_id":"{{{mediaId}}}"}}]""",
            entry.GetProperty("changes").GetRawText());
    }

    [Fact]
    public async Task A_published_story_reports_its_insights_when_it_expires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "story_insights");
        var shop = await ShopAsync();
        var container = await Server.AddContainerAsync(shop.Id, ContainerKind.Stories);

        var story = (await Server.PublishAsync(shop, container)).CreatedId();
        Assert.Null(await receiver.NextAsync(WebhookWorld.Silence));
        Server.Clock.Advance(TimeSpan.FromHours(24));
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        var change = Server.AssertSigned(post).GetProperty("entry")[0].GetProperty("changes")[0];
        Assert.Equal("story_insights", change.GetProperty("field").GetString());
        Assert.Equal(DemoData.Id(story), change.GetProperty("value").GetProperty("media_id").GetString());
        Assert.Equal(0, change.GetProperty("value").GetProperty("impressions").GetInt64());
    }
}
